namespace ReelRights.Core.Accounts;

public sealed class User
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    /// <summary>Trimmed and lower-cased; unique across the deployment.</summary>
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    /// <summary>Organization administrators manage members and API keys.</summary>
    public bool IsAdmin { get; set; }
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? LastSignInAt { get; set; }
    /// <summary>Changes whenever credentials change, so existing sign-in cookies stop working.</summary>
    public required string SecurityStamp { get; set; }
    public DateTime CreatedAt { get; set; }
}
