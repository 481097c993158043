namespace ReelRights.Ledger.Receipts;

/// <summary>The checks <see cref="ReceiptVerifier"/> runs, in order. Names are shown to people via <see cref="ReceiptCheckNames"/>.</summary>
public enum ReceiptCheck
{
    /// <summary>The leaf data is a canonical version-1 ledger record.</summary>
    Record,

    /// <summary>The record's sha256 and sm3 fields match its payload.</summary>
    RecordDigests,

    /// <summary>The RFC 6962 leaf hash SHA-256(0x00 || leaf data) that the later checks bind to.</summary>
    LeafHash,

    /// <summary>The checkpoint is a well-formed signed note with a C2SP checkpoint body.</summary>
    Checkpoint,

    /// <summary>The inclusion proof leads from the leaf hash to the checkpoint's root (RFC 9162 §2.1.3.2).</summary>
    InclusionProof,

    /// <summary>A pinned key signed the checkpoint, and no pinned key's signature is bad.</summary>
    CheckpointSignature,

    /// <summary>The time-stamp token decodes and its message imprint equals the leaf hash.</summary>
    TimestampImprint,

    /// <summary>The time-stamp token's signature is valid.</summary>
    TimestampSignature,

    /// <summary>The TSA certificate has the critical timeStamping EKU and is bound to the token.</summary>
    TimestampCertificate,

    /// <summary>The TSA certificate chains to a trusted certificate.</summary>
    TimestampChain,
}
