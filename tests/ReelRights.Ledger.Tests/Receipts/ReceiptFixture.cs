using System.Security.Cryptography.X509Certificates;
using System.Text;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;
using ReelRights.Ledger.Tests.Support;
using ReelRights.Ledger.Timestamps;

namespace ReelRights.Ledger.Tests.Receipts;

/// <summary>A small deterministic ledger: five records, a checkpoint at size 5 signed by a fixed Ed25519 key.</summary>
internal sealed class ReceiptFixture
{
    public const string Origin = "reelrights.example/log";
    public const int ReceiptIndex = 3;

    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public ReceiptFixture()
    {
        // Seed 0x00..0x1f: fixed so signatures (Ed25519 is deterministic) and the golden receipt are stable.
        Signer = new Ed25519NoteSigner(Origin, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        Records =
        [
            LedgerRecord.Create(LedgerRecordType.Registration, """{"work":"W-1","owner":"org-1"}"""u8),
            LedgerRecord.Create(LedgerRecordType.EvidenceBundle, """{"bundle":"E-1","sha256":"00"}"""u8),
            LedgerRecord.Create(LedgerRecordType.CaseTransition, """{"case":"C-1","from":"notice","to":"measures"}"""u8),
            LedgerRecord.Create(LedgerRecordType.License, """{"license":"L-1","territory":"CN","title":"短剧"}"""u8),
            LedgerRecord.Create(LedgerRecordType.KeyRotation, """{"key":"reelrights.example/log+00000000+AQ=="}"""u8),
        ];
        foreach (var record in Records)
        {
            Tree.Append(record.ToCanonicalBytes());
        }

        CheckpointNote = new Checkpoint(Origin, Tree.Size, Tree.GetRoot()).Sign(Signer);
    }

    public INoteSigner Signer { get; }

    public INoteVerifier PinnedKey => NoteKeys.ParseVerifierKey(Signer.VerifierKey);

    public IReadOnlyList<LedgerRecord> Records { get; }

    public InMemoryMerkleTree Tree { get; } = new();

    public string CheckpointNote { get; }

    public static FixedTimeProvider Clock { get; } = new(Now);

    public static X509Certificate2 TsaCertificate { get; } =
        TimestampCertificates.CreateSelfSigned("CN=ReelRights Receipt TSA", Clock, TimeSpan.FromDays(30));

    public byte[] LeafData => Records[ReceiptIndex].ToCanonicalBytes();

    public byte[] LeafHash => MerkleHasher.HashLeaf(LeafData);

    public Receipt CreateReceipt(byte[]? timestampToken = null) =>
        new(LeafData, ReceiptIndex, Tree.GetInclusionProof(ReceiptIndex, Tree.Size), CheckpointNote, timestampToken);

    public Receipt CreateTimestampedReceipt() =>
        CreateReceipt(new TimestampAuthority(TsaCertificate, Clock).CreateToken(LeafHash));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
