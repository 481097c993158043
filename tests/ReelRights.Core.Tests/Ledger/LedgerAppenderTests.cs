using System.Text;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Tests.Ledger;

public sealed class LedgerAppenderTests
{
    private static LedgerRecord Record(int i) =>
        LedgerRecord.Create(LedgerRecordType.Attestation, Encoding.UTF8.GetBytes($$"""{"n":{{i}},"title":"第{{i}}集"}"""));

    private static async Task<ReceiptVerifier> VerifierAsync(CoreEnvironment env)
    {
        var db = env.Get<ReelRightsDbContext>();
        var keys = await env.Get<LedgerKeyring>().AllKeysAsync(db, CancellationToken.None);
        return new ReceiptVerifier(keys.Select(k => NoteKeys.ParseVerifierKey(k.VerifierKey)), requireTimestamp: true);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AppendAsync_ManyConcurrent_GetDistinctIndexesAndEveryReceiptVerifies(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var appender = env.Get<LedgerAppender>();

        var results = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => appender.AppendAsync(Record(i), null, CancellationToken.None)));

        results.Select(r => r.LeafIndex).Order().ShouldBe(Enumerable.Range(0, 120).Select(i => (long)i));
        var verifier = await VerifierAsync(env);
        foreach (var r in results)
        {
            var verdict = verifier.Verify(Receipt.Parse(r.Receipt.Encode()));
            verdict.IsValid.ShouldBeTrue(verdict.FailureMessage);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task StoredTree_MatchesIndependentInMemoryTreeAtEveryCheckpoint(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var appender = env.Get<LedgerAppender>();
        var memory = new InMemoryMerkleTree();
        for (var round = 0; round < 6; round++)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, round * 7 + 1).Select(i => appender.AppendAsync(Record(round * 100 + i), null, CancellationToken.None)));
            foreach (var r in batch.OrderBy(r => r.LeafIndex))
            {
                memory.Append(r.Receipt.LeafData.Span);
            }
        }
        var db = env.Get<ReelRightsDbContext>();

        var checkpoints = await db.LedgerCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ToListAsync();
        var reader = env.Get<LedgerReader>();

        checkpoints[0].TreeSize.ShouldBe(0);
        checkpoints[^1].TreeSize.ShouldBe(memory.Size);
        foreach (var c in checkpoints)
        {
            c.RootHash.ShouldBe(memory.GetRoot(c.TreeSize).ToArray());
            if (c.TreeSize > 0)
            {
                var proof = await reader.ConsistencyProofAsync(c.TreeSize, memory.Size, CancellationToken.None);
                MerkleProofVerifier.VerifyConsistency(c.TreeSize, memory.Size, proof, c.RootHash, checkpoints[^1].RootHash).ShouldBeTrue();
            }
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AppendAsync_StoredNodeTampered_RefusesToSignAndCommitsNothing(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var appender = env.Get<LedgerAppender>();
        for (var i = 0; i < 4; i++)
        {
            await appender.AppendAsync(Record(i), null, CancellationToken.None);
        }
        var db = env.Get<ReelRightsDbContext>();
        // The root of the first four leaves: every later root and consistency proof is built on it.
        var node = await db.LedgerNodes.SingleAsync(n => n.Level == 2 && n.NodeIndex == 0);
        node.Hash = new byte[32];
        await db.SaveChangesAsync();

        var error = await Should.ThrowAsync<ReelRightsException>(() => appender.AppendAsync(Record(99), null, CancellationToken.None));

        error.Code.ShouldBe("ledger-inconsistent");
        error.MessageEn.ShouldContain("refusing to sign");
        db.ChangeTracker.Clear();
        (await db.LedgerEntries.CountAsync()).ShouldBe(4);
        (await db.LedgerCheckpoints.MaxAsync(c => c.TreeSize)).ShouldBe(4);
        (await db.LedgerStates.SingleAsync()).TreeSize.ShouldBe(4);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Sm2Signature_On_CheckpointsCarryEd25519AndSm2Lines(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider, ledger: o => o.Sm2Signature = true);

        var result = await env.Get<LedgerAppender>().AppendAsync(Record(1), null, CancellationToken.None);

        var keys = await env.Get<ReelRightsDbContext>().LedgerKeys.AsNoTracking().ToListAsync();
        keys.Select(k => k.Algorithm).Order().ShouldBe(["ed25519", "sm2"]);
        var note = SignedNote.Parse(result.Receipt.CheckpointNote);
        note.Signatures.Count.ShouldBe(2);
        foreach (var key in keys)
        {
            note.Verify([NoteKeys.ParseVerifierKey(key.VerifierKey)]).VerifiedSignatures.Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task Verify_AnyByteOfReceiptChanged_Fails()
    {
        await using var env = await CoreEnvironment.CreateAsync("Sqlite");
        var appender = env.Get<LedgerAppender>();
        await appender.AppendAsync(Record(0), null, CancellationToken.None);
        var text = (await appender.AppendAsync(Record(1), null, CancellationToken.None)).Receipt.Encode();
        var db = env.Get<ReelRightsDbContext>();
        var tsa = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate((await db.LedgerStates.SingleAsync()).TsaCertificate);
        var keys = (await env.Get<LedgerKeyring>().AllKeysAsync(db, CancellationToken.None)).Select(k => NoteKeys.ParseVerifierKey(k.VerifierKey)).ToList();
        var verifier = new ReceiptVerifier(keys, [tsa], requireTimestamp: true);
        verifier.Verify(Receipt.Parse(text)).IsValid.ShouldBeTrue();

        var accepted = new List<int>();
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x01;
            try
            {
                if (verifier.Verify(Receipt.Parse(Encoding.ASCII.GetString(copy))).IsValid)
                {
                    accepted.Add(i);
                }
            }
            catch (FormatException)
            {
                // Rejected while parsing: the receipt is no longer well-formed.
            }
        }

        accepted.ShouldBeEmpty($"receipt of {bytes.Length} bytes");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RotateAsync_NewKeySignsFromNowOn_HandOverSignedByBoth_OldReceiptsStillVerify(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var appender = env.Get<LedgerAppender>();
        var before = await appender.AppendAsync(Record(1), null, CancellationToken.None);
        var db = env.Get<ReelRightsDbContext>();
        var oldRow = await db.LedgerKeys.AsNoTracking().SingleAsync();
        var oldKey = NoteKeys.ParseVerifierKey(oldRow.VerifierKey);

        var rotation = await env.Get<LedgerKeyRotation>().RotateAsync(CancellationToken.None);
        var after = await appender.AppendAsync(Record(2), null, CancellationToken.None);

        var keys = await db.LedgerKeys.AsNoTracking().ToListAsync();
        var newRow = keys.Single(k => k.Id != oldRow.Id);
        var newKey = NoteKeys.ParseVerifierKey(newRow.VerifierKey);
        keys.Single(k => k.Id == oldRow.Id).RetiredAt.ShouldNotBeNull();
        newRow.RetiredAt.ShouldBeNull();
        SignedNote.Parse(rotation.Receipt.CheckpointNote).Verify([oldKey]).VerifiedSignatures.Count.ShouldBe(1);
        SignedNote.Parse(rotation.Receipt.CheckpointNote).Verify([newKey]).VerifiedSignatures.Count.ShouldBe(1);
        new ReceiptVerifier([oldKey]).Verify(before.Receipt).IsValid.ShouldBeTrue();
        new ReceiptVerifier([newKey]).Verify(after.Receipt).IsValid.ShouldBeTrue();
        new ReceiptVerifier([oldKey]).Verify(after.Receipt).FirstFailure.ShouldBe(ReceiptCheck.CheckpointSignature);
        LedgerRecord.Parse(rotation.Receipt.LeafData.Span).Payload.ShouldContain(newRow.VerifierKey);
    }
}
