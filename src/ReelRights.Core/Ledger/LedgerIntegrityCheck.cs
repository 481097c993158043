using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Data;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Timestamps;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Recomputes the whole log from the stored entries and compares every stored part with it:
/// each leaf hash, each leaf's RFC 3161 time-stamp token, each subtree hash, each checkpoint's
/// root and signature, and the size. The first disagreement is reported by name (leaf, token,
/// node, checkpoint), so the operator knows what was damaged or edited.
/// </summary>
public sealed class LedgerIntegrityCheck(ReelRightsDbContext db, LedgerKeyring keyring, IOptions<LedgerOptions> options)
{
    private const int Page = 5000;

    public async Task<LedgerIntegrityResult> RunAsync(CancellationToken cancellationToken)
    {
        var state = await db.LedgerStates.AsNoTracking().SingleAsync(cancellationToken);
        // Tokens of the platform's own TSA must chain to its certificate; an external TSA's are
        // checked for imprint, signature and certificate use (its trust anchor is not held here).
        X509Certificate2[] tsaTrust = options.Value.TsaUrl is null ? [X509CertificateLoader.LoadCertificate(state.TsaCertificate)] : [];
        var tree = new InMemoryMerkleTree();
        for (long next = 0; ; )
        {
            var page = await db.LedgerEntries.AsNoTracking().Where(e => e.LeafIndex >= next)
                .OrderBy(e => e.LeafIndex).Take(Page).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var entry in page)
            {
                if (entry.LeafIndex != next)
                {
                    return Fail($"条目 {next} 缺失", $"leaf {next} is missing");
                }
                var hash = MerkleHasher.HashLeaf(entry.Data);
                if (!hash.AsSpan().SequenceEqual(entry.LeafHash))
                {
                    return Fail($"条目 {next} 的数据与其叶子哈希不符（被改动）", $"leaf {next}: stored data does not match its leaf hash (edited)");
                }
                if (CheckToken(entry.TimestampToken, hash, tsaTrust) is { } tokenProblem)
                {
                    return Fail($"条目 {next} 的时间戳令牌{tokenProblem.Zh}", $"leaf {next}: its time-stamp token {tokenProblem.En}");
                }
                tree.AppendLeafHash(hash);
                next++;
            }
        }

        if (state.TreeSize != tree.Size)
        {
            return Fail($"记录的大小 {state.TreeSize} 与条目数 {tree.Size} 不符", $"recorded size {state.TreeSize} differs from the {tree.Size} stored entries");
        }

        long nodes = 0;
        // Level 0 is the entries' own leaf hashes, checked above; stored subtrees start at level 1.
        for (var level = 1; (1L << level) <= tree.Size; level++)
        {
            var expectedCount = tree.Size >> level;
            for (long start = 0; start < expectedCount || start == 0; start += Page)
            {
                var rows = await db.LedgerNodes.AsNoTracking().Where(n => n.Level == level && n.NodeIndex >= start && n.NodeIndex < start + Page)
                    .OrderBy(n => n.NodeIndex).ToListAsync(cancellationToken);
                var wanted = Math.Min(Page, expectedCount - start);
                if (rows.Count != Math.Max(0, wanted))
                {
                    return Fail($"第 {level} 层的子树哈希数量不对", $"level {level} has {rows.Count} subtree hashes where {wanted} were expected from {start}");
                }
                if (rows.Count == 0)
                {
                    break;
                }
                var ids = rows.Select(r => new MerkleNodeId(level, r.NodeIndex)).ToList();
                var expected = await tree.GetNodeHashesAsync(ids, cancellationToken);
                for (var i = 0; i < rows.Count; i++)
                {
                    if (rows[i].NodeIndex != start + i || !expected[i].Span.SequenceEqual(rows[i].Hash))
                    {
                        return Fail($"子树哈希（第 {level} 层，第 {rows[i].NodeIndex} 个）被改动", $"node (level {level}, index {rows[i].NodeIndex}) does not match the entries (edited)");
                    }
                }
                nodes += rows.Count;
            }
        }

        var verifiers = (await keyring.AllKeysAsync(db, cancellationToken)).Select(k => NoteKeys.ParseVerifierKey(k.VerifierKey)).ToList();
        var checkpoints = await db.LedgerCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ToListAsync(cancellationToken);
        foreach (var c in checkpoints)
        {
            var problem = CheckCheckpoint(c, tree, verifiers);
            if (problem is not null)
            {
                return Fail($"大小为 {c.TreeSize} 的检查点{problem.Value.Zh}", $"checkpoint at size {c.TreeSize}: {problem.Value.En}");
            }
        }
        return new LedgerIntegrityResult(true, tree.Size, nodes, checkpoints.Count, null, null);
    }

    /// <summary>Every leaf is time-stamped when appended (ADR 0004): a missing or failing token is damage.</summary>
    private static (string Zh, string En)? CheckToken(byte[]? token, byte[] leafHash, X509Certificate2[] trust)
    {
        if (token is null || token.Length == 0)
        {
            return ("缺失", "is missing");
        }
        try
        {
            var result = TimestampVerifier.Verify(token, leafHash, trust);
            return result.FailedCheck is null ? null : ("无效（被改动）：" + result.FailureMessage, "does not verify (edited): " + result.FailureMessage);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or System.Formats.Asn1.AsnContentException)
        {
            return ("已损坏：" + e.Message, "is damaged: " + e.Message);
        }
    }

    private static (string Zh, string En)? CheckCheckpoint(LedgerCheckpoint c, InMemoryMerkleTree tree, IReadOnlyList<INoteVerifier> verifiers)
    {
        if (c.TreeSize > tree.Size || !tree.GetRoot(c.TreeSize).Span.SequenceEqual(c.RootHash))
        {
            return ("的根哈希与条目不符", "its root does not match the entries");
        }
        try
        {
            var note = SignedNote.Parse(c.Note).Verify(verifiers);
            var body = Checkpoint.Parse(note.Text);
            return body.TreeSize == c.TreeSize && body.RootHash.Span.SequenceEqual(c.RootHash)
                ? null
                : ("的签名内容与记录不符", "the signed text does not match the stored size and root");
        }
        catch (Exception e) when (e is FormatException or NoteVerificationException)
        {
            return ("的签名无效", "its signature is not valid: " + e.Message);
        }
    }

    private static LedgerIntegrityResult Fail(string zh, string en) => new(false, 0, 0, 0, zh, en);
}
