namespace ReelRights.Core.Accounts;

/// <summary>
/// A one-time link that lets a person create their account in an organization. The first-run
/// setup link is an invitation to the operator organization with no email fixed.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string? Email { get; set; }
    public bool IsAdmin { get; set; }
    public required string TokenHash { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public Guid? AcceptedUserId { get; set; }
}
