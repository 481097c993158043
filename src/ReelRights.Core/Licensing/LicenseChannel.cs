namespace ReelRights.Core.Licensing;

/// <summary>
/// A channel a licensee declares on its license: a platform organization here (its uploads are
/// screened) or a URL prefix (a channel page). Copies found there are judged against the license.
/// </summary>
public sealed class LicenseChannel
{
    public Guid Id { get; set; }
    public Guid LicenseId { get; set; }
    public Guid? PlatformOrganizationId { get; set; }
    public string? UrlPrefix { get; set; }
    public DateTime CreatedAt { get; set; }
}
