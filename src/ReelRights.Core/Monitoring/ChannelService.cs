using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;

namespace ReelRights.Core.Monitoring;

public sealed record DeclareChannelRequest(ChannelKind Kind, Guid? WorkId = null, Guid? PlatformOrganizationId = null, string? UrlPrefix = null, string? Note = null);

/// <summary>An owner's declared own and licensed channels: what monitoring and screening treat as legitimate.</summary>
public sealed class ChannelService(ReelRightsDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<AuthorizedChannel> DeclareAsync(Actor actor, DeclareChannelRequest request, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringWrite);
        if (!Enum.IsDefined(request.Kind))
        {
            throw ReelRightsException.Invalid("invalid-kind", "渠道类型无效。", "Unknown kind of channel.");
        }
        if ((request.PlatformOrganizationId is null) == string.IsNullOrWhiteSpace(request.UrlPrefix))
        {
            throw ReelRightsException.Invalid("invalid-channel", "请只给出平台组织或网址前缀之一。", "Give exactly one of a platform organization or a URL prefix.");
        }
        if (request.WorkId is { } workId && !await db.Works.AnyAsync(w => w.Id == workId && w.OrganizationId == actor.OrganizationId, cancellationToken))
        {
            throw ReelRightsException.NotFound("作品");
        }
        if (request.PlatformOrganizationId is { } platform && !await db.Organizations.AnyAsync(o => o.Id == platform && o.Kind == OrganizationKind.Platform, cancellationToken))
        {
            throw ReelRightsException.Invalid("invalid-platform", "该组织不是平台方。", "That organization is not a platform.");
        }
        string? prefix = null;
        if (!string.IsNullOrWhiteSpace(request.UrlPrefix))
        {
            prefix = request.UrlPrefix.Trim();
            if (prefix.Length > 2000 || !Uri.TryCreate(prefix, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw ReelRightsException.Invalid("invalid-url", "网址前缀需要 http(s) 地址。", "The URL prefix must be an http(s) address.");
            }
        }
        var channel = new AuthorizedChannel
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = actor.OrganizationId,
            WorkId = request.WorkId,
            Kind = request.Kind,
            PlatformOrganizationId = request.PlatformOrganizationId,
            UrlPrefix = prefix,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : Validation.Text(request.Note, "note", 1000),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.AuthorizedChannels.Add(channel);
        audit.Record(actor, actor.OrganizationId, "channel.declared", channel.Id.ToString(), $"{channel.Kind} {(object?)channel.PlatformOrganizationId ?? channel.UrlPrefix}");
        await db.SaveChangesAsync(cancellationToken);
        return channel;
    }

    public async Task<IReadOnlyList<AuthorizedChannel>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        return await db.AuthorizedChannels.AsNoTracking().Where(c => c.OrganizationId == actor.OrganizationId)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task RemoveAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringWrite);
        var channel = await db.AuthorizedChannels.SingleOrDefaultAsync(c => c.Id == id && c.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("渠道");
        db.AuthorizedChannels.Remove(channel);
        audit.Record(actor, actor.OrganizationId, "channel.removed", id.ToString());
        await db.SaveChangesAsync(cancellationToken);
    }
}
