namespace ReelRights.Core.Auditing;

/// <summary>One attributed state change. Written in the same transaction as the change itself.</summary>
public sealed class AuditEvent
{
    public Guid Id { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? ActorUserId { get; set; }
    public Guid? ActorApiKeyId { get; set; }
    public required string Action { get; set; }
    public string? TargetId { get; set; }
    public string? Detail { get; set; }
    public DateTime At { get; set; }
}
