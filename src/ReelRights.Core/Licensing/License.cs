namespace ReelRights.Core.Licensing;

/// <summary>
/// 许可: a grant of rights in a work from its owner to a licensee, with its own code. Reserved
/// (pending) when a deal's terms are accepted, so a second overlapping exclusive is refused from
/// that moment; in force once both sides signed; its history is <see cref="LicenseEvent"/>s, each
/// sealed on the ledger.
/// </summary>
public sealed class License
{
    public Guid Id { get; set; }
    /// <summary>e.g. RRL-2026-7K3M9Q2D; what anyone checks at /verify.</summary>
    public string Code { get; set; } = "";
    public Guid WorkId { get; set; }
    public Guid LicensorOrganizationId { get; set; }
    public Guid LicenseeOrganizationId { get; set; }
    public Guid? DealId { get; set; }
    /// <summary>The 维权 case whose settlement made it, when it came from mediation.</summary>
    public Guid? CaseId { get; set; }
    public string TermsJson { get; set; } = "{}";
    /// <summary>Copied from the terms so the exclusivity check narrows its candidates in SQL.</summary>
    public int RightsMask { get; set; }
    public Exclusivity Exclusivity { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public LicenseState State { get; set; }
    public string? ContractPdfSha256 { get; set; }
    public string? ContractPdfSm3 { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? GrantedAt { get; set; }
    public int Version { get; set; }
}

public enum LicenseState
{
    /// <summary>Terms accepted, awaiting both signatures; already counts for exclusivity.</summary>
    Pending,
    /// <summary>Signed and in force (within its term).</summary>
    Active,
    /// <summary>Ended early by a recorded termination.</summary>
    Terminated,
    /// <summary>The deal was withdrawn before signing; the reservation is released.</summary>
    Cancelled,
}

/// <summary>One sealed step of a license's life: granted, amended, renewed, terminated, expired.</summary>
public sealed class LicenseEvent
{
    public Guid Id { get; set; }
    public Guid LicenseId { get; set; }
    public int Sequence { get; set; }
    public LicenseEventKind Kind { get; set; }
    public Guid? ActorOrganizationId { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? Note { get; set; }
    /// <summary>The terms after this step (granted, amended, renewed).</summary>
    public string? TermsJson { get; set; }
    public DateTime At { get; set; }
    public long? LedgerIndex { get; set; }
}

public enum LicenseEventKind
{
    Granted,
    Amended,
    Renewed,
    Terminated,
    /// <summary>The term ended (recorded by <see cref="LicenseExpiryJob"/>); a renewal may follow.</summary>
    Expired,
}

/// <summary>One row per work that has licensing: its version orders every reservation of a grant, so two accepts cannot both pass the exclusivity check.</summary>
public sealed class WorkLicensingLock
{
    public Guid WorkId { get; set; }
    public int Version { get; set; }
}
