using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;

namespace ReelRights.Core.Notifications;

/// <summary>
/// The in-app inbox of each organization. <see cref="Add"/> puts a notification into the caller's
/// unit of work, like <see cref="Auditing.AuditLog"/>, so it commits or rolls back with the change
/// it reports. Reading and marking are limited to the actor's own organization.
/// </summary>
public sealed class NotificationService(ReelRightsDbContext db, TimeProvider time, Mail.MailQueue mail)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public Notification Add(Guid organizationId, string kind, NotificationText title, NotificationText body, string? link)
    {
        // Links are rendered as href on the inbox page: only local paths, never another site.
        if (link is not null && (link.Length < 1 || link[0] != '/' || (link.Length > 1 && link[1] is '/' or '\\')))
        {
            throw new ArgumentException($"Notification link must be a local path: {link}", nameof(link));
        }
        var notification = new Notification
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            Kind = kind,
            TitleZh = title.Zh,
            TitleEn = title.En,
            BodyZh = body.Zh,
            BodyEn = body.En,
            Link = link,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Notifications.Add(notification);
        // The same message by e-mail to the organization's members, sent after the commit.
        mail.ToOrganization(organizationId, $"{title.Zh} / {title.En}", $"{title.Zh}\n{body.Zh}\n\n{title.En}\n{body.En}\n", link);
        return notification;
    }

    /// <summary>
    /// The newest notifications of the actor's organization first. Pages by time: pass the
    /// <c>CreatedAt</c> of the last one received as <paramref name="before"/> for the next page.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> ListAsync(Actor actor, bool unreadOnly, int? limit, DateTime? before, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.NotificationsRead);
        var query = Own(actor);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        if (before is { } b)
        {
            var cursor = b.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(b, DateTimeKind.Utc) : b.ToUniversalTime();
            query = query.Where(n => n.CreatedAt < cursor);
        }
        return await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One indexed count (the partial index on unread rows); the page header calls it on every page.</summary>
    public async Task<int> CountUnreadAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.NotificationsRead);
        return await Own(actor).CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks one notification read; someone else's id is simply not found.</summary>
    public async Task<Notification> MarkReadAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.NotificationsRead);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("通知");
        if (notification.ReadAt is null)
        {
            notification.ReadAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return notification;
    }

    /// <summary>Marks every unread notification of the actor's organization read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.NotificationsRead);
        var now = time.GetUtcNow().UtcDateTime;
        return await Own(actor).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, (DateTime?)now), cancellationToken);
    }

    private IQueryable<Notification> Own(Actor actor) =>
        db.Notifications.AsNoTracking().Where(n => n.OrganizationId == actor.OrganizationId);
}
