using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Data.Sqlite;
using ReelRights.Ledger.Merkle;

namespace ReelRights.Bench;

/// <summary>
/// Time to build (from the SQLite node table, cold context) and to verify an inclusion proof in
/// logs of 10^6 and 10^7 entries. The tree is written straight into <c>ledger_nodes</c> (every
/// complete subtree, as the appender stores it) from synthetic leaves, because appending 10^7
/// entries through the appender would only measure the appender again.
/// </summary>
internal static class LedgerProofBench
{
    private const int Samples = 2000;

    public static async Task AppendRowsAsync(StringBuilder report, IEnumerable<long> sizes, string dir)
    {
        report.AppendLine();
        report.AppendLine("| entries | build proof (median) | build proof (p99) | verify proof (median) | proof hashes | database size |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var path = Path.Combine(dir, $"proofs-{size}.db");
            var provider = new SqliteDatabaseProvider();
            var connectionString = $"Data Source={path}";
            var options = new DbContextOptionsBuilder<ReelRightsDbContext>();
            provider.Configure(options, connectionString);
            await using (var db = new ReelRightsDbContext(options.Options))
            {
                await new MigrationRunner(db, provider, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance)
                    .MigrateAsync(CancellationToken.None);
            }
            Console.Error.WriteLine($"writing a tree of {size:N0} leaves…");
            var root = await WriteTreeAsync(connectionString, size);

            var random = new Random(42);
            var build = new List<double>(Samples);
            var verify = new List<double>(Samples);
            var proofLength = 0;
            for (var i = 0; i < Samples; i++)
            {
                var index = random.NextInt64(size);
                await using var db = new ReelRightsDbContext(options.Options);
                var watch = Stopwatch.StartNew();
                var proof = await new MerkleProofBuilder(new DbMerkleHashSource(db)).GetInclusionProofAsync(index, size, CancellationToken.None);
                build.Add(watch.Elapsed.TotalMilliseconds);
                var leaf = MerkleHasher.HashLeaf(LeafData(index));
                watch.Restart();
                var ok = MerkleProofVerifier.VerifyInclusion(leaf, index, size, proof, root);
                verify.Add(watch.Elapsed.TotalMilliseconds);
                if (!ok)
                {
                    throw new InvalidOperationException($"proof for {index} of {size} did not verify");
                }
                proofLength = proof.Count;
            }
            build.Sort();
            verify.Sort();
            SqliteConnection.ClearAllPools();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {size:N0} | {build[Samples / 2]:F3} ms | {build[Samples * 99 / 100]:F3} ms | {verify[Samples / 2]:F4} ms | {proofLength} | {new FileInfo(path).Length / 1e6:F0} MB |");
            File.Delete(path);
        }
    }

    private static byte[] LeafData(long index) => Encoding.UTF8.GetBytes($"{{\"bench\":{index}}}");

    /// <summary>Writes every complete subtree hash, level by level, and returns the root.</summary>
    private static async Task<byte[]> WriteTreeAsync(string connectionString, long size)
    {
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        var level = new byte[size][];
        for (long i = 0; i < size; i++)
        {
            level[i] = MerkleHasher.HashLeaf(LeafData(i));
        }
        var height = 0;
        while (level.Length > 0)
        {
            await InsertLevelAsync(conn, height, level);
            if (level.Length == 1)
            {
                break;
            }
            var next = new byte[level.Length / 2][];
            for (var i = 0; i < next.Length; i++)
            {
                next[i] = MerkleHasher.HashChildren(level[2 * i], level[2 * i + 1]);
            }
            level = next;
            height++;
        }
        var builderOptions = new DbContextOptionsBuilder<ReelRightsDbContext>();
        new SqliteDatabaseProvider().Configure(builderOptions, connectionString);
        await using var db = new ReelRightsDbContext(builderOptions.Options);
        return (await new MerkleProofBuilder(new DbMerkleHashSource(db)).GetRootAsync(size, CancellationToken.None)).ToArray();
    }

    private static async Task InsertLevelAsync(SqliteConnection conn, int height, byte[][] hashes)
    {
        const int PerTransaction = 200_000;
        for (var start = 0; start < hashes.Length; start += PerTransaction)
        {
            await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync();
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            // Leaf hashes live in ledger_entries; ledger_nodes holds levels 1 and up.
            cmd.CommandText = height == 0
                ? "INSERT INTO ledger_entries (leaf_index, leaf_hash, data, record_type, created_at) VALUES ($i, $h, $d, 'attestation', '2026-01-01 00:00:00')"
                : "INSERT INTO ledger_nodes (level, node_index, hash) VALUES ($l, $i, $h)";
            var l = cmd.Parameters.Add("$l", SqliteType.Integer);
            var i = cmd.Parameters.Add("$i", SqliteType.Integer);
            var h = cmd.Parameters.Add("$h", SqliteType.Blob);
            var d = cmd.Parameters.Add("$d", SqliteType.Blob);
            l.Value = height;
            for (var n = start; n < Math.Min(hashes.Length, start + PerTransaction); n++)
            {
                i.Value = (long)n;
                h.Value = hashes[n];
                d.Value = LeafData(n);
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
    }
}
