namespace ReelRights.Core.Accounts;

/// <summary>A tenant. Everything a user or API key can see belongs to exactly one organization.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public OrganizationKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
}
