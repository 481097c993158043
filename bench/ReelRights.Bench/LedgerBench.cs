using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReelRights.Core;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Data.Postgres;
using ReelRights.Data.Sqlite;
using ReelRights.Ledger.Records;

namespace ReelRights.Bench;

/// <summary>
/// Durable appends per second with group commit (many concurrent callers) against the baseline
/// of a plain batched insert of the same rows, and the appender used one entry at a time, all
/// measured in this run on the same database. Each append includes the RFC 3161 token and the
/// Ed25519 checkpoint signature.
/// </summary>
internal static class LedgerBench
{
    private const int WarmUpRound = 5000;
    private const int MinWarmUpRounds = 4;
    private const int MaxWarmUpRounds = 12;
    // A round that makes the runtime compile fewer methods than this counts as settled.
    private const int SettledMethods = 25;
    private const int SequentialEntries = 300;
    private const int ConcurrentEntries = 30_000;
    private const int Callers = 256;
    private const int DefaultRuns = 5;

    /// <summary>One measurement of one database, on a fresh database.</summary>
    private sealed record Run(double Sequential, double Grouped, double Plain, double EntriesPerCommit,
        double GroupedCpu, double PlainCpu, double PlainEmpty, double OthersShare, double LoadAverage);

    public static async Task<int> RunAsync(string[] args)
    {
        var report = new StringBuilder();
        report.AppendLine("# Ledger append benchmark");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}. ");
        report.AppendLine("Reproduce: `dotnet run --project bench/ReelRights.Bench -c Release -- ledger [--runs N] [--postgres CONNECTION] [--quick] [--appends-only]`.");
        report.AppendLine();
        var runs = RunCount(args);
        report.AppendLine(CultureInfo.InvariantCulture, $"Each database is measured {runs} times in this process, each time on a fresh database; the table gives");
        report.AppendLine("the **median** of the runs and, below it, their range (min–max); every run is listed after it. *Other load*:");
        report.AppendLine("the share of all cores' time that other processes used during the run (from /proc/stat, this process's own");
        report.AppendLine("CPU time taken out), and the 1-minute load average at its end: a figure taken beside a build or a test run");
        report.AppendLine("says so there. On PostgreSQL the database server's own processes count as other load: most of that");
        report.AppendLine("column is the server doing this benchmark's writes.");
        report.AppendLine();
        report.AppendLine("Durable appends per second. *Group commit*: 256 concurrent callers through the appender (each entry");
        report.AppendLine("hashed, RFC 3161 time-stamped, its subtree hashes stored, one Ed25519-signed checkpoint per commit).");
        report.AppendLine("*Plain insert*: the same entry rows written by the same insert code into a table defined like");
        report.AppendLine("the entries table (same key and indexes), holding beforehand the rows the ledger held before its measurement,");
        report.AppendLine("in transactions of the same size, same database settings —");
        report.AppendLine("the cost of storing the rows durably, without any ledger work. *One at a time*: the appender with one caller.");
        report.AppendLine("Both are measured warm: before group commit, rounds of 5,000 concurrent appends (not counted) until a");
        report.AppendLine("round makes the runtime's tiered compiler recompile fewer than 25 methods (4 to 12 rounds; otherwise");
        report.AppendLine("that background compiling is measured too), and the plain insert first copies the rows once untimed.");
        report.AppendLine("*CPU per entry*: the process's CPU time (all threads, user + system) during each measurement divided");
        report.AppendLine("by its entries: less sensitive than the rates to other work on the machine.");
        report.AppendLine("*Into an empty table*: the same copy into a table that starts empty, as this bench measured it until");
        report.AppendLine("2026-12-04. That baseline is easier than the ledger's own work: its leaf_hash index (random keys) starts");
        report.AppendLine("small, so a commit dirties fewer pages than one that extends a log already holding the warm-up's rows.");
        report.AppendLine();
        report.AppendLine("| database | one at a time | group commit | plain batched insert | group commit ÷ plain | entries per commit | CPU per entry: group commit | CPU per entry: plain | plain insert into an empty table | group commit ÷ that | other load |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");

        var dir = Directory.CreateTempSubdirectory("rr-bench-ledger-").FullName;
        var all = new List<(string Label, List<Run> Runs)>();
        var sqlite = new List<Run>();
        for (var r = 0; r < runs; r++)
        {
            var file = Path.Combine(dir, $"bench-{r}.db");
            sqlite.Add(await MeasureAsync("SQLite", new SqliteDatabaseProvider(), $"Data Source={file};Pooling=True", dir));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
        all.Add(("SQLite (WAL, synchronous=FULL)", sqlite));
        var pg = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("REELRIGHTS_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(pg))
        {
            var postgres = new List<Run>();
            for (var r = 0; r < runs; r++)
            {
                var name = "rr_bench_" + Guid.NewGuid().ToString("N");
                await ExecutePostgresAsync(pg, $"CREATE DATABASE {name}");
                var csb = new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = name };
                postgres.Add(await MeasureAsync("PostgreSQL", new PostgresDatabaseProvider(), csb.ToString(), dir));
                Npgsql.NpgsqlConnection.ClearAllPools();
                await ExecutePostgresAsync(pg, $"DROP DATABASE {name} WITH (FORCE)");
            }
            all.Add(("PostgreSQL 15 (test server: fsync off)", postgres));
        }
        foreach (var (label, measured) in all)
        {
            report.AppendLine(SummaryRow(label, measured));
        }
        report.AppendLine();
        report.AppendLine("Every run:");
        report.AppendLine();
        report.AppendLine("| database | run | one at a time | group commit | plain | group commit ÷ plain | CPU per entry: group commit | CPU per entry: plain | other load |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (label, measured) in all)
        {
            for (var r = 0; r < measured.Count; r++)
            {
                var m = measured[r];
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {label} | {r + 1} | {m.Sequential:F0}/s | {m.Grouped:F0}/s | {m.Plain:F0}/s | {m.Grouped / m.Plain:F2} | {m.GroupedCpu:F0} µs | {m.PlainCpu:F0} µs | {Load(m)} |");
            }
        }
        report.AppendLine();
        if (args.Contains("--appends-only"))
        {
            Console.WriteLine(report);
            return 0;
        }
        var sizes = args.Contains("--quick") ? new long[] { 1_000_000 } : [1_000_000, 10_000_000];
        await LedgerProofBench.AppendRowsAsync(report, sizes, dir);
        Directory.Delete(dir, recursive: true);

        var output = Path.Combine(BenchSupport.RepoRoot(), "bench", "results", "ledger.md");
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"written to {output}");
        return 0;
    }

    private static int RunCount(string[] args)
    {
        var text = args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault();
        if (text is null)
        {
            return args.Contains("--quick") ? 3 : DefaultRuns;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100
            ? n
            : throw new ArgumentException("--runs takes a number from 1 to 100");
    }

    /// <summary>Medians with the range under them; ratios are the median of each run's own ratio.</summary>
    private static string SummaryRow(string label, List<Run> runs)
    {
        string Cell(Func<Run, double> of, string format, string unit)
        {
            var values = runs.Select(of).Order().ToList();
            var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
            var text = median.ToString(format, CultureInfo.InvariantCulture) + unit;
            return values.Count == 1 ? text
                : $"{text}<br>({values[0].ToString(format, CultureInfo.InvariantCulture)}–{values[^1].ToString(format, CultureInfo.InvariantCulture)})";
        }
        return $"| {label} | {Cell(r => r.Sequential, "F0", "/s")} | **{Cell(r => r.Grouped, "F0", "/s")}** | {Cell(r => r.Plain, "F0", "/s")} | "
            + $"**{Cell(r => r.Grouped / r.Plain, "F2", "")}** | {Cell(r => r.EntriesPerCommit, "F1", "")} | {Cell(r => r.GroupedCpu, "F0", " µs")} | "
            + $"{Cell(r => r.PlainCpu, "F0", " µs")} | {Cell(r => r.PlainEmpty, "F0", "/s")} | {Cell(r => r.Grouped / r.PlainEmpty, "F2", "")} | "
            + $"{Cell(r => r.OthersShare * 100, "F0", "% of cores")}, load {Cell(r => r.LoadAverage, "F1", "")} |";
    }

    private static string Load(Run m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.OthersShare * 100:F0}% of cores, load {m.LoadAverage:F1}");

    private static async Task<Run> MeasureAsync(string label, IDatabaseProvider provider, string connectionString, string dir)
    {
        var activity = MachineActivity.Now();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddReelRightsCore(provider, connectionString, Path.Combine(dir, "blobs"));
        services.AddSingleton<ISecretProtector>(new BenchSupport.EphemeralProtector());
        services.Configure<LedgerOptions>(_ => { });
        await using var sp = services.BuildServiceProvider();
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync(CancellationToken.None);
            await sp.GetRequiredService<LedgerKeyring>().EnsureInitializedAsync(scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>(), CancellationToken.None);
        }
        var appender = sp.GetRequiredService<LedgerAppender>();
        await appender.AppendAsync(Record(-1), null, CancellationToken.None);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < SequentialEntries; i++)
        {
            await appender.AppendAsync(Record(i), null, CancellationToken.None);
        }
        var sequential = SequentialEntries / watch.Elapsed.TotalSeconds;
        var warmUp = await WarmUpAsync(appender);

        var checkpointsBefore = await CountCheckpointsAsync(sp);
        var cpu = Environment.CpuUsage.TotalTime;
        watch.Restart();
        await AppendConcurrentlyAsync(appender, 100_000, ConcurrentEntries);
        var grouped = ConcurrentEntries / watch.Elapsed.TotalSeconds;
        var groupedCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / ConcurrentEntries;
        var commits = await CountCheckpointsAsync(sp) - checkpointsBefore;
        var perCommit = (int)Math.Ceiling((double)ConcurrentEntries / commits);
        var (plain, plainCpu, plainEmpty) = await PlainInsertAsync(sp, provider, perCommit, firstLeaf: 1 + SequentialEntries + warmUp);

        var run = new Run(sequential, grouped, plain, (double)ConcurrentEntries / commits, groupedCpu, plainCpu, plainEmpty,
            MachineActivity.OthersShareSince(activity), MachineActivity.LoadAverage());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: warmed up with {warmUp} appends; group commit {grouped:F0}/s, plain {plain:F0}/s, ratio {grouped / plain:F2}, {Load(run)}"));
        return run;
    }

    /// <summary>
    /// Appends until the hot code has reached its final tier: .NET recompiles methods in the
    /// background (tier 0, instrumented, optimized) for seconds after they first run, and in a
    /// short measurement that compiling would be counted against whichever phase came first.
    /// </summary>
    private static async Task<int> WarmUpAsync(LedgerAppender appender)
    {
        var appended = 0;
        for (var round = 0; round < MaxWarmUpRounds; round++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            await AppendConcurrentlyAsync(appender, -1_000_000 - appended, WarmUpRound);
            appended += WarmUpRound;
            // Early rounds can look quiet while promotions are still held back by the runtime's
            // call-counting delay, hence a minimum number of rounds.
            if (round + 1 >= MinWarmUpRounds && JitInfo.GetCompiledMethodCount() - compiled < SettledMethods)
            {
                break;
            }
        }
        return appended;
    }

    private static Task AppendConcurrentlyAsync(LedgerAppender appender, int firstRecord, int count)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await appender.AppendAsync(Record(firstRecord + n), null, CancellationToken.None);
            }
        })));
    }

    /// <summary>
    /// Copies the group-commit rows with plain INSERTs, one transaction per batch, into an empty
    /// table defined exactly like ledger_entries (same key and indexes): what storing the same
    /// rows costs without the ledger's hashing, time stamps, subtrees and signatures.
    /// </summary>
    private static async Task<(double PerSecond, double CpuMicroseconds, double IntoEmptyTable)> PlainInsertAsync(IServiceProvider sp, IDatabaseProvider provider, int perCommit, long firstLeaf)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var all = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.LeafIndex).ToListAsync();
        var earlier = all.Where(e => e.LeafIndex < firstLeaf).ToList();
        var rows = all.Where(e => e.LeafIndex >= firstLeaf).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // The same copy once into a throw-away table, so this too is measured warm.
        await CreateTableLikeEntriesAsync(db, provider, "bench_plain_warm_up");
        await CopyRowsAsync(connection, provider, rows, perCommit, "bench_plain_warm_up");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE bench_plain_warm_up");

        await CreateTableLikeEntriesAsync(db, provider, "bench_plain_empty");
        var intoEmpty = await TimeCopyAsync("bench_plain_empty");
        // The compared table first gets (untimed) the rows the ledger already held when its
        // measurement began, so both inserts extend tables and indexes of the same size: a
        // random-keyed index (leaf_hash) costs more pages per commit as it grows.
        await CreateTableLikeEntriesAsync(db, provider, "bench_plain");
        await CopyRowsAsync(connection, provider, earlier, 10_000, "bench_plain");
        var (perSecond, cpuMicroseconds) = await TimeCopyAsync("bench_plain");
        return (perSecond, cpuMicroseconds, intoEmpty.PerSecond);

        async Task<(double PerSecond, double CpuMicroseconds)> TimeCopyAsync(string table)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var watch = Stopwatch.StartNew();
            await CopyRowsAsync(connection, provider, rows, perCommit, table);
            return (rows.Count / watch.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / rows.Count);
        }
    }

    private static async Task CopyRowsAsync(DbConnection connection, IDatabaseProvider provider, List<LedgerEntry> rows, int perCommit, string table)
    {
        for (var start = 0; start < rows.Count; start += perCommit)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await new LedgerBatchWriter(connection, tx, provider).InsertEntriesAsync(rows.Skip(start).Take(perCommit).ToList(), table);
            await tx.CommitAsync();
        }
    }

    private static async Task CreateTableLikeEntriesAsync(ReelRightsDbContext db, IDatabaseProvider provider, string table)
    {
        if (provider.Name == "Postgres")
        {
            // table is one of this file's constant names.
            var create = $"CREATE TABLE {table} (LIKE ledger_entries INCLUDING ALL)";
            await db.Database.ExecuteSqlRawAsync(create);
            return;
        }
        var definitions = await db.Database.SqlQueryRaw<string>(
            "SELECT sql AS \"Value\" FROM sqlite_master WHERE tbl_name = 'ledger_entries' AND sql IS NOT NULL ORDER BY type DESC").ToListAsync();
        foreach (var sql in definitions)
        {
            await db.Database.ExecuteSqlRawAsync(sql.Replace("ledger_entries", table, StringComparison.Ordinal));
        }
    }

    private static async Task<int> CountCheckpointsAsync(IServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>().LedgerCheckpoints.CountAsync();
    }

    private static LedgerRecord Record(int i) =>
        LedgerRecord.Create(LedgerRecordType.Attestation, Encoding.UTF8.GetBytes($$"""{"bench":{{i}},"sha256":"{{new string('a', 64)}}"}"""));

    private static async Task ExecutePostgresAsync(string connectionString, string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
