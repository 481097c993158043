namespace ReelRights.Core.Licensing;

/// <summary>
/// 挂牌: a rights holder offers rights in a registered work on the terms it asks for. Public
/// listings are in the catalogue for every licensee and platform; an invitation-only one is seen
/// by the organizations it names.
/// </summary>
public sealed class LicenseListing
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid WorkId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Genre tags, lower case, separated by commas (e.g. "romance,revenge").</summary>
    public string Tags { get; set; } = "";
    /// <summary>The terms asked for (<see cref="LicenseTerms"/> as JSON); an offer starts from them.</summary>
    public string TermsJson { get; set; } = "{}";
    /// <summary>Copied from the terms for the catalogue's filters.</summary>
    public int RightsMask { get; set; }
    public ListingVisibility Visibility { get; set; }
    /// <summary>Organizations invited to an invitation-only listing, as a JSON array of ids.</summary>
    public string InvitedJson { get; set; } = "[]";
    public ListingState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum ListingVisibility
{
    Public,
    Invited,
}

public enum ListingState
{
    Published,
    Withdrawn,
}
