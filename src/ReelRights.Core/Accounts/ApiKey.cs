namespace ReelRights.Core.Accounts;

/// <summary>
/// A machine credential scoped to one organization and a set of permissions. Only the SHA-256 of
/// the key is stored: the key carries 256 random bits, so a slow KDF would add nothing.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    /// <summary>Public lookup part of the key (<c>rr_XXXXXXXX</c>), safe to show.</summary>
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    /// <summary>Space-separated permission names.</summary>
    public required string Permissions { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
