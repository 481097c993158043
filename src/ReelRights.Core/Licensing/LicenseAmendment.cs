namespace ReelRights.Core.Licensing;

/// <summary>
/// A change to a license in force that one side proposes and the other accepts: an amendment
/// (修订: other scope, term or price) or a renewal (续期: the same start, a later end). The full
/// terms after the change are stated, as in a deal's version; accepting applies them and records a
/// sealed "amended" or "renewed" step.
/// </summary>
public sealed class LicenseAmendment
{
    public Guid Id { get; set; }
    public Guid LicenseId { get; set; }
    public AmendmentKind Kind { get; set; }
    public Guid ProposedByOrganizationId { get; set; }
    public Guid? ProposedByUserId { get; set; }
    /// <summary>The license's terms as they would stand after the change.</summary>
    public string TermsJson { get; set; } = "{}";
    public string? Note { get; set; }
    public AmendmentState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public int Version { get; set; }
}

public enum AmendmentKind
{
    /// <summary>修订: any of scope, term or price changes.</summary>
    Amend,
    /// <summary>续期: the term is extended from the same start to a later end.</summary>
    Renew,
}

public enum AmendmentState
{
    Open,
    Accepted,
    Declined,
    Withdrawn,
}
