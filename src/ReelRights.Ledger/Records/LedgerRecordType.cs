namespace ReelRights.Ledger.Records;

/// <summary>
/// Kinds of entries on the ledger. The wire names (the record's "type" field) are part of the
/// record format and never change; see <see cref="LedgerRecord"/>.
/// </summary>
public enum LedgerRecordType
{
    /// <summary>"registration": a work or episode registered (确权存证).</summary>
    Registration,

    /// <summary>"evidence-bundle": a sealed evidence capture (取证).</summary>
    EvidenceBundle,

    /// <summary>"case-transition": one step of a notice/mediation case (维权).</summary>
    CaseTransition,

    /// <summary>"license": a license granted (用权).</summary>
    License,

    /// <summary>"key-rotation": the log or platform announces a new signing key.</summary>
    KeyRotation,

    /// <summary>"attestation": an organization seals the digest of a document it holds (存证).</summary>
    Attestation,

    /// <summary>"finance": a valuation report or a copyright pledge step (估值与质押).</summary>
    Finance,
}
