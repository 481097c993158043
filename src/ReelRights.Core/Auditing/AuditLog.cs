using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;

namespace ReelRights.Core.Auditing;

/// <summary>Adds audit events to the unit of work; the caller's SaveChanges commits them.</summary>
public sealed class AuditLog(ReelRightsDbContext db, TimeProvider time)
{
    public void Record(Actor? actor, Guid? organizationId, string action, string? targetId, string? detail = null) =>
        Add(actor?.UserId, actor?.ApiKeyId, organizationId, action, targetId, detail);

    /// <summary>For steps a person takes before they are an actor of the platform (signing in, accepting an invitation).</summary>
    public void RecordByUser(Guid userId, Guid organizationId, string action, string? targetId, string? detail = null) =>
        Add(userId, null, organizationId, action, targetId, detail);

    private void Add(Guid? userId, Guid? apiKeyId, Guid? organizationId, string action, string? targetId, string? detail) =>
        db.AuditEvents.Add(new AuditEvent
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            ActorUserId = userId,
            ActorApiKeyId = apiKeyId,
            Action = action,
            TargetId = targetId,
            Detail = detail,
            At = time.GetUtcNow().UtcDateTime,
        });

    /// <summary>The newest events of the actor's own organization.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ListAsync(Actor actor, int limit, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.AuditRead);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.OrganizationId == actor.OrganizationId)
            .OrderByDescending(e => e.At)
            .Take(Math.Clamp(limit, 1, 500))
            .ToListAsync(cancellationToken);
    }
}
