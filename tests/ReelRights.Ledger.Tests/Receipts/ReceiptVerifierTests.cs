using System.Text;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;
using ReelRights.Ledger.Tests.Support;
using ReelRights.Ledger.Timestamps;

namespace ReelRights.Ledger.Tests.Receipts;

public sealed class ReceiptVerifierTests
{
    private readonly ReceiptFixture _fixture = new();

    [Fact]
    public void Verify_TimestampedReceiptAfterTextRoundTrip_AllChecksPass()
    {
        // Arrange
        var text = _fixture.CreateTimestampedReceipt().Encode();
        var verifier = new ReceiptVerifier([_fixture.PinnedKey], [ReceiptFixture.TsaCertificate], requireTimestamp: true);

        // Act
        var result = verifier.Verify(Receipt.Parse(text));

        // Assert
        result.IsValid.ShouldBeTrue(result.FailureMessage);
        result.Checks.Select(c => c.Check).ShouldBe(Enum.GetValues<ReceiptCheck>());
        result.Checks.ShouldAllBe(c => c.Status == ReceiptCheckStatus.Passed);
        result.FirstFailure.ShouldBeNull();
        result.Record!.Type.ShouldBe(LedgerRecordType.License);
        result.Checkpoint!.TreeSize.ShouldBe(5);
        result.Timestamp.ShouldBe(ReceiptFixture.Now);
        result.Checks.Single(c => c.Check == ReceiptCheck.LeafHash).Detail.ShouldBe(Convert.ToHexStringLower(_fixture.LeafHash));
    }

    [Fact]
    public void Verify_NoTimestampNotRequired_ValidWithTimestampChecksNotApplicable()
    {
        // Arrange
        var verifier = new ReceiptVerifier([_fixture.PinnedKey]);

        // Act
        var result = verifier.Verify(_fixture.CreateReceipt());

        // Assert
        result.IsValid.ShouldBeTrue(result.FailureMessage);
        result.Checks.Where(c => c.Check >= ReceiptCheck.TimestampImprint)
            .ShouldAllBe(c => c.Status == ReceiptCheckStatus.NotApplicable);
    }

    [Fact]
    public void Verify_NoTimestampButRequired_FailsTimestampImprint()
    {
        // Arrange
        var verifier = new ReceiptVerifier([_fixture.PinnedKey], requireTimestamp: true);

        // Act
        var result = verifier.Verify(_fixture.CreateReceipt());

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.TimestampImprint);
        Status(result, ReceiptCheck.TimestampChain).ShouldBe(ReceiptCheckStatus.Skipped);
    }

    [Fact]
    public void Verify_LeafNotCanonical_FailsRecordAndSkipsDigests()
    {
        // Arrange
        var leaf = Encoding.UTF8.GetBytes(" " + Encoding.UTF8.GetString(_fixture.LeafData));
        var receipt = Replace(_fixture.CreateReceipt(), leafData: leaf);

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.Record);
        Status(result, ReceiptCheck.RecordDigests).ShouldBe(ReceiptCheckStatus.Skipped);
        Status(result, ReceiptCheck.InclusionProof).ShouldBe(ReceiptCheckStatus.Failed);
    }

    [Fact]
    public void Verify_RecordDigestAltered_FailsRecordDigests()
    {
        // Arrange: still canonical, but the sm3 field no longer matches the payload.
        var text = Encoding.UTF8.GetString(_fixture.LeafData);
        var sm3 = _fixture.Records[ReceiptFixture.ReceiptIndex].PayloadSm3;
        var leaf = Encoding.UTF8.GetBytes(text.Replace(sm3, new string('0', 64), StringComparison.Ordinal));
        var receipt = Replace(_fixture.CreateReceipt(), leafData: leaf);

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.RecordDigests);
    }

    [Fact]
    public void Verify_OtherValidRecordAsLeaf_FailsInclusionProof()
    {
        // Arrange
        var receipt = Replace(_fixture.CreateReceipt(), leafData: _fixture.Records[2].ToCanonicalBytes());

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.InclusionProof);
        Status(result, ReceiptCheck.CheckpointSignature).ShouldBe(ReceiptCheckStatus.Passed);
    }

    [Fact]
    public void Verify_WrongIndex_FailsInclusionProof()
    {
        // Arrange
        var receipt = Replace(_fixture.CreateReceipt(), leafIndex: 2);

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.InclusionProof);
    }

    [Fact]
    public void Verify_ProofBitFlipped_FailsInclusionProof()
    {
        // Arrange
        var original = _fixture.CreateReceipt();
        var proof = original.InclusionProof.Select((h, i) => (ReadOnlyMemory<byte>)(i == 1 ? Bytes.FlipBit(h.Span, 77) : h.ToArray())).ToArray();
        var receipt = Replace(original, proof: proof);

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.InclusionProof);
    }

    [Fact]
    public void Verify_CheckpointSignedByUnpinnedKey_FailsCheckpointSignature()
    {
        // Arrange
        var stranger = NoteKeys.ParseSignerKey(NoteKeys.GenerateEd25519(ReceiptFixture.Origin).SignerKey);
        var note = SignedNote.Sign(SignedNote.Parse(_fixture.CheckpointNote).Text, stranger).Encode();
        var receipt = Replace(_fixture.CreateReceipt(), checkpointNote: note);

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.CheckpointSignature);
        Status(result, ReceiptCheck.InclusionProof).ShouldBe(ReceiptCheckStatus.Passed);
    }

    [Fact]
    public void Verify_CheckpointRootReplacedUnderOldSignature_FailsInclusionThenSignature()
    {
        // Arrange: a forger swaps in the root of the tree without the last leaf but keeps the signature.
        var parsed = SignedNote.Parse(_fixture.CheckpointNote);
        var oldRoot = Convert.ToBase64String(_fixture.Tree.GetRoot(5).Span);
        var forgedRoot = Convert.ToBase64String(_fixture.Tree.GetRoot(4).Span);
        var note = _fixture.CheckpointNote.Replace(oldRoot, forgedRoot, StringComparison.Ordinal);
        var receipt = Replace(_fixture.CreateReceipt(), checkpointNote: note);

        // Act
        var result = Verify(receipt);

        // Assert
        parsed.Text.ShouldContain(oldRoot);
        result.FirstFailure.ShouldBe(ReceiptCheck.InclusionProof);
        Status(result, ReceiptCheck.CheckpointSignature).ShouldBe(ReceiptCheckStatus.Failed);
    }

    [Fact]
    public void Verify_CheckpointMalformed_FailsCheckpointAndSkipsDependents()
    {
        // Arrange
        var receipt = Replace(_fixture.CreateReceipt(), checkpointNote: "not a note\n");

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.Checkpoint);
        Status(result, ReceiptCheck.InclusionProof).ShouldBe(ReceiptCheckStatus.Skipped);
        Status(result, ReceiptCheck.CheckpointSignature).ShouldBe(ReceiptCheckStatus.Skipped);
    }

    [Fact]
    public void Verify_TokenOverOtherHash_FailsTimestampImprint()
    {
        // Arrange
        var token = new TimestampAuthority(ReceiptFixture.TsaCertificate, ReceiptFixture.Clock)
            .CreateToken(Bytes.FlipBit(_fixture.LeafHash, 3));
        var receipt = _fixture.CreateReceipt(token);

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.TimestampImprint);
        Status(result, ReceiptCheck.TimestampSignature).ShouldBe(ReceiptCheckStatus.Skipped);
    }

    [Fact]
    public void Verify_TokenFromUntrustedTsa_FailsTimestampChain()
    {
        // Arrange
        var other = TimestampCertificates.CreateSelfSigned("CN=Unknown TSA", ReceiptFixture.Clock, TimeSpan.FromDays(1));
        var token = new TimestampAuthority(other, ReceiptFixture.Clock).CreateToken(_fixture.LeafHash);
        var receipt = _fixture.CreateReceipt(token);

        // Act
        var result = Verify(receipt);

        // Assert
        result.FirstFailure.ShouldBe(ReceiptCheck.TimestampChain);
        Status(result, ReceiptCheck.TimestampCertificate).ShouldBe(ReceiptCheckStatus.Passed);
    }

    [Fact]
    public void FailureMessage_FailedCheck_IsBilingual()
    {
        // Arrange
        var receipt = Replace(_fixture.CreateReceipt(), leafIndex: 2);

        // Act
        var message = Verify(receipt).FailureMessage;

        // Assert
        message.ShouldNotBeNull();
        message.ShouldStartWith("包含证明未通过 / inclusion proof failed: ");
    }

    [Fact]
    public void Constructor_NoPinnedKeys_Throws()
    {
        // Act / Assert
        Should.Throw<ArgumentException>(() => new ReceiptVerifier([]));
    }

    private ReceiptVerificationResult Verify(Receipt receipt) =>
        new ReceiptVerifier([_fixture.PinnedKey], [ReceiptFixture.TsaCertificate]).Verify(receipt);

    private static ReceiptCheckStatus Status(ReceiptVerificationResult result, ReceiptCheck check) =>
        result.Checks.Single(c => c.Check == check).Status;

    private static Receipt Replace(
        Receipt receipt,
        byte[]? leafData = null,
        long? leafIndex = null,
        IReadOnlyList<ReadOnlyMemory<byte>>? proof = null,
        string? checkpointNote = null) =>
        new(
            leafData ?? receipt.LeafData,
            leafIndex ?? receipt.LeafIndex,
            proof ?? receipt.InclusionProof,
            checkpointNote ?? receipt.CheckpointNote,
            receipt.TimestampToken);
}
