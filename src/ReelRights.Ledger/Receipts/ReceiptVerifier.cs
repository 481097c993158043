using System.Security.Cryptography.X509Certificates;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Records;
using ReelRights.Ledger.Timestamps;

namespace ReelRights.Ledger.Receipts;

/// <summary>
/// Verifies a <see cref="Receipt"/> offline against pinned keys, in the order of
/// <see cref="ReceiptCheck"/>: record, record digests, leaf hash, checkpoint, inclusion proof,
/// checkpoint signature, then the time-stamp token. Every check that can run does, so a person
/// sees the whole picture; checks whose input failed are reported as skipped.
/// </summary>
public sealed class ReceiptVerifier
{
    private readonly INoteVerifier[] _pinnedKeys;
    private readonly X509Certificate2[] _trustedTsaCertificates;
    private readonly bool _requireTimestamp;

    /// <summary>Creates a verifier.</summary>
    /// <param name="pinnedKeys">Checkpoint keys to trust (at least one).</param>
    /// <param name="trustedTsaCertificates">TSA certificates or CAs to trust; when empty, a token's chain is not checked.</param>
    /// <param name="requireTimestamp">Fail receipts that carry no time-stamp token.</param>
    public ReceiptVerifier(
        IEnumerable<INoteVerifier> pinnedKeys,
        IEnumerable<X509Certificate2>? trustedTsaCertificates = null,
        bool requireTimestamp = false)
    {
        ArgumentNullException.ThrowIfNull(pinnedKeys);
        _pinnedKeys = pinnedKeys.ToArray();
        if (_pinnedKeys.Length == 0)
        {
            throw new ArgumentException("At least one pinned checkpoint key is needed.", nameof(pinnedKeys));
        }

        _trustedTsaCertificates = trustedTsaCertificates?.ToArray() ?? [];
        _requireTimestamp = requireTimestamp;
    }

    /// <summary>Runs every check on <paramref name="receipt"/>.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <returns>Each check's outcome; <see cref="ReceiptVerificationResult.IsValid"/> is the verdict.</returns>
    public ReceiptVerificationResult Verify(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var checks = new List<ReceiptCheckResult>();

        // 1-2: the record and its own digests.
        var parsed = LedgerRecord.TryParse(receipt.LeafData.Span, out var record, out var recordError);
        checks.Add(parsed
            ? Pass(ReceiptCheck.Record, $"{LedgerRecord.ToWireName(record!.Type)} record, format v{record.Version}")
            : Fail(ReceiptCheck.Record, recordError!));
        checks.Add(record is null
            ? Skip(ReceiptCheck.RecordDigests, ReceiptCheck.Record)
            : record.DigestsMatchPayload()
                ? Pass(ReceiptCheck.RecordDigests, $"sha256 {record.PayloadSha256}, sm3 {record.PayloadSm3}")
                : Fail(ReceiptCheck.RecordDigests, "the stated SHA-256 or SM3 digest does not match the payload"));

        // 3: the hash every later check binds to (RFC 6962 §2.1).
        var leafHash = MerkleHasher.HashLeaf(receipt.LeafData.Span);
        checks.Add(Pass(ReceiptCheck.LeafHash, Convert.ToHexStringLower(leafHash)));

        // 4-6: checkpoint, inclusion, signature.
        var (note, checkpoint) = ParseCheckpoint(receipt.CheckpointNote, checks);
        checks.Add(checkpoint is null
            ? Skip(ReceiptCheck.InclusionProof, ReceiptCheck.Checkpoint)
            : MerkleProofVerifier.VerifyInclusion(leafHash, receipt.LeafIndex, checkpoint.TreeSize, receipt.InclusionProof, checkpoint.RootHash.Span)
                ? Pass(ReceiptCheck.InclusionProof, $"leaf {receipt.LeafIndex} of {checkpoint.TreeSize}")
                : Fail(ReceiptCheck.InclusionProof, $"the proof does not lead from leaf {receipt.LeafIndex} to the root of tree size {checkpoint.TreeSize}"));
        checks.Add(note is null ? Skip(ReceiptCheck.CheckpointSignature, ReceiptCheck.Checkpoint) : CheckSignature(note));

        // 7-10: the optional time stamp.
        var timestamp = CheckTimestamp(receipt.TimestampToken, leafHash, checks);

        return new ReceiptVerificationResult
        {
            Checks = checks,
            Record = record,
            Checkpoint = checkpoint,
            LeafHash = leafHash,
            Timestamp = timestamp,
        };
    }

    private static (SignedNote? Note, Checkpoint? Checkpoint) ParseCheckpoint(string text, List<ReceiptCheckResult> checks)
    {
        try
        {
            var note = SignedNote.Parse(text);
            var checkpoint = Checkpoint.Parse(note.Text);
            checks.Add(Pass(ReceiptCheck.Checkpoint, $"{checkpoint.Origin}, tree size {checkpoint.TreeSize}"));
            return (note, checkpoint);
        }
        catch (FormatException ex)
        {
            checks.Add(Fail(ReceiptCheck.Checkpoint, ex.Message));
            return (null, null);
        }
    }

    private ReceiptCheckResult CheckSignature(SignedNote note)
    {
        try
        {
            var verified = note.Verify(_pinnedKeys);
            var names = string.Join(", ", verified.VerifiedSignatures.Select(s => $"{s.Name} ({s.KeyId:x8})"));
            return Pass(ReceiptCheck.CheckpointSignature, $"signed by {names}");
        }
        catch (NoteVerificationException ex)
        {
            return Fail(ReceiptCheck.CheckpointSignature, ex.Message);
        }
    }

    private DateTimeOffset? CheckTimestamp(ReadOnlyMemory<byte>? token, byte[] leafHash, List<ReceiptCheckResult> checks)
    {
        ReceiptCheck[] steps =
        [
            ReceiptCheck.TimestampImprint, ReceiptCheck.TimestampSignature,
            ReceiptCheck.TimestampCertificate, ReceiptCheck.TimestampChain,
        ];
        if (token is null)
        {
            checks.Add(_requireTimestamp
                ? Fail(ReceiptCheck.TimestampImprint, "a time-stamp token is required but the receipt has none")
                : NotApplicable(ReceiptCheck.TimestampImprint, "no time-stamp token"));
            checks.AddRange(steps[1..].Select(s => _requireTimestamp
                ? Skip(s, ReceiptCheck.TimestampImprint)
                : NotApplicable(s, "no time-stamp token")));
            return null;
        }

        TimestampVerificationResult result;
        try
        {
            result = TimestampVerifier.Verify(token.Value.Span, leafHash, _trustedTsaCertificates);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or System.Formats.Asn1.AsnContentException)
        {
            // Damaged bytes deep inside the token (a certificate, an attribute) surface as
            // decoding errors; whatever their place, the token does not stand.
            checks.Add(Fail(steps[0], $"the time-stamp token is damaged: {ex.Message}"));
            checks.AddRange(steps[1..].Select(s => Skip(s, steps[0])));
            return null;
        }
        var failedAt = result.FailedCheck is { } failed ? Array.IndexOf(steps, ToReceiptCheck(failed)) : steps.Length;
        for (var i = 0; i < steps.Length; i++)
        {
            checks.Add(i < failedAt ? PassTimestampStep(steps[i], result)
                : i == failedAt ? Fail(steps[i], result.FailureMessage!)
                : Skip(steps[i], steps[failedAt]));
        }

        return result.Timestamp;
    }

    private static ReceiptCheckResult PassTimestampStep(ReceiptCheck step, TimestampVerificationResult result) => step switch
    {
        ReceiptCheck.TimestampImprint => Pass(step, $"genTime {result.Timestamp:O}"),
        ReceiptCheck.TimestampSignature => Pass(step, $"signed by {result.SignerCertificate?.Subject}"),
        ReceiptCheck.TimestampCertificate => Pass(step, "critical timeStamping EKU, named by the token, valid at genTime"),
        _ when !result.ChainChecked => NotApplicable(step, "no trusted TSA certificates configured"),
        _ => Pass(step, "chains to a trusted certificate"),
    };

    private static ReceiptCheck ToReceiptCheck(TimestampCheck check) => check switch
    {
        TimestampCheck.Imprint => ReceiptCheck.TimestampImprint,
        TimestampCheck.Signature => ReceiptCheck.TimestampSignature,
        TimestampCheck.Certificate => ReceiptCheck.TimestampCertificate,
        _ => ReceiptCheck.TimestampChain,
    };

    private static ReceiptCheckResult Pass(ReceiptCheck check, string detail) => new(check, ReceiptCheckStatus.Passed, detail);

    private static ReceiptCheckResult Fail(ReceiptCheck check, string detail) => new(check, ReceiptCheckStatus.Failed, detail);

    private static ReceiptCheckResult NotApplicable(ReceiptCheck check, string detail) => new(check, ReceiptCheckStatus.NotApplicable, detail);

    private static ReceiptCheckResult Skip(ReceiptCheck check, ReceiptCheck failedDependency) =>
        new(check, ReceiptCheckStatus.Skipped, $"not run: {ReceiptCheckNames.English(failedDependency)} failed");
}
