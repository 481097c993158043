using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
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
/// of the same appender used one entry at a time (one transaction and one checkpoint per entry),
/// both measured in this run on the same database. Each append includes the RFC 3161 token and
/// the Ed25519 checkpoint signature.
/// </summary>
internal static class LedgerBench
{
    private const int SequentialEntries = 300;
    private const int ConcurrentEntries = 4000;
    private const int Callers = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var report = new StringBuilder();
        report.AppendLine("# Ledger append benchmark");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}. ");
        report.AppendLine("Reproduce: `dotnet run --project bench/ReelRights.Bench -c Release -- ledger [--postgres CONNECTION]`.");
        report.AppendLine();
        report.AppendLine("| database | baseline: one at a time (appends/s) | group commit, 64 callers (appends/s) | speed-up | entries per commit |");
        report.AppendLine("|---|---|---|---|---|");

        var dir = Directory.CreateTempSubdirectory("rr-bench-ledger-").FullName;
        await MeasureAsync(report, "SQLite (WAL, synchronous=FULL)", new SqliteDatabaseProvider(), $"Data Source={Path.Combine(dir, "bench.db")};Pooling=True", dir);
        var pg = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("REELRIGHTS_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(pg))
        {
            var name = "rr_bench_" + Guid.NewGuid().ToString("N");
            await ExecutePostgresAsync(pg, $"CREATE DATABASE {name}");
            var csb = new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = name };
            await MeasureAsync(report, "PostgreSQL 15 (test server: fsync off)", new PostgresDatabaseProvider(), csb.ToString(), dir);
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ExecutePostgresAsync(pg, $"DROP DATABASE {name} WITH (FORCE)");
        }
        Directory.Delete(dir, recursive: true);

        var output = Path.Combine(FindRepoRoot(), "bench", "results", "ledger.md");
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"written to {output}");
        return 0;
    }

    private static async Task MeasureAsync(StringBuilder report, string label, IDatabaseProvider provider, string connectionString, string dir)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddReelRightsCore(provider, connectionString, Path.Combine(dir, "blobs"));
        services.AddSingleton<ISecretProtector>(new Protector());
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

        var checkpointsBefore = await CountCheckpointsAsync(sp);
        var next = -1;
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < ConcurrentEntries)
            {
                await appender.AppendAsync(Record(100_000 + n), null, CancellationToken.None);
            }
        })));
        var grouped = ConcurrentEntries / watch.Elapsed.TotalSeconds;
        var commits = await CountCheckpointsAsync(sp) - checkpointsBefore;

        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {label} | {sequential:F0} | {grouped:F0} | {grouped / sequential:F1}× | {(double)ConcurrentEntries / commits:F1} |");
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

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReelRights.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private sealed class Protector : ISecretProtector
    {
        private readonly IDataProtector inner = new EphemeralDataProtectionProvider().CreateProtector("bench");

        public string Protect(string plaintext) => inner.Protect(plaintext);

        public string Unprotect(string protectedText) => inner.Unprotect(protectedText);
    }
}
