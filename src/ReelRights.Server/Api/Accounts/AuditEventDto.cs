using ReelRights.Core.Auditing;

namespace ReelRights.Server.Api.Accounts;

public sealed record AuditEventDto(Guid Id, string Action, string? TargetId, string? Detail, Guid? ActorUserId, Guid? ActorApiKeyId, DateTime At)
{
    public static AuditEventDto From(AuditEvent e) => new(e.Id, e.Action, e.TargetId, e.Detail, e.ActorUserId, e.ActorApiKeyId, e.At);
}
