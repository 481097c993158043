namespace ReelRights.Core.Cases;

/// <summary>A 维权 case: the claimant's claim against copies on one platform, and its parties.</summary>
public sealed class EnforcementCase
{
    public Guid Id { get; set; }
    /// <summary>Human-readable case number, e.g. WQ-2026-7K3M9Q.</summary>
    public string Number { get; set; } = "";
    public CaseKind Kind { get; set; }
    public CaseState State { get; set; }
    public CaseClosure? Closure { get; set; }
    public string Title { get; set; } = "";
    public Guid ClaimantOrganizationId { get; set; }
    public Guid WorkId { get; set; }
    /// <summary>The platform when it has an account here; otherwise it is reached by <see cref="PlatformEmail"/>.</summary>
    public Guid? PlatformOrganizationId { get; set; }
    public string PlatformName { get; set; } = "";
    public string? PlatformEmail { get; set; }
    public string? RespondentName { get; set; }
    public string? RespondentContact { get; set; }
    /// <summary>SHA-256 of the respondent's one-time link token; the token itself is shown once.</summary>
    public byte[]? RespondentTokenHash { get; set; }
    public DateTime? RespondentTokenExpiresAt { get; set; }
    public Guid? MediatorOrganizationId { get; set; }
    /// <summary>The mediator each side chose; when both chose the same one it is the case's mediator.</summary>
    public Guid? ClaimantMediatorChoice { get; set; }
    public Guid? OtherSideMediatorChoice { get; set; }
    /// <summary>SHA-256 (and blob address) of the notice HTML as sent; sealed by the send-notice step.</summary>
    public string? NoticeSha256 { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Bumped by every move, so two moves on the same state cannot both succeed.</summary>
    public int Version { get; set; }
}
