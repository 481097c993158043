using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Licensing;

/// <summary>
/// What changes a license after it is granted: the licensee's channels, and an early termination
/// by either side (a sealed step). Each change queues the re-classification of the work's open
/// hits, so monitoring follows it within the job system's poll.
/// </summary>
public sealed class LicenseChanges(ReelRightsDbContext db, JobQueue jobs, LicenseSealer sealer, NotificationService notifications, TimeProvider time)
{
    public const int MaxChannels = 50;

    public async Task<LicenseChannel> DeclareChannelAsync(Actor actor, string code, Guid? platformOrganizationId, string? urlPrefix, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, licenseeOnly: true, cancellationToken);
        if (license.State != LicenseState.Active || LicensingClock.Today(time) > license.End)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "license-not-active", "只有有效期内的许可可以声明渠道。", "Channels are declared on a license in force.");
        }
        var prefix = Validation.OptionalText(urlPrefix, 2000, "urlPrefix");
        if ((platformOrganizationId is null) == (prefix is null))
        {
            throw ReelRightsException.Invalid("invalid-channel", "请给出平台或网址前缀之一。", "Give either a platform or a URL prefix.");
        }
        if (prefix is not null && (!Uri.TryCreate(prefix, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw ReelRightsException.Invalid("invalid-channel", "网址前缀须为 http(s) 地址。", "The URL prefix must be an http(s) URL.");
        }
        if (platformOrganizationId is { } platform && !await db.Organizations.AnyAsync(o => o.Id == platform && o.Kind == OrganizationKind.Platform, cancellationToken))
        {
            throw ReelRightsException.Invalid("unknown-platform", "所选组织不是平台。", "The chosen organization is not a platform.");
        }
        if (await db.LicenseChannels.CountAsync(c => c.LicenseId == license.Id, cancellationToken) >= MaxChannels)
        {
            throw ReelRightsException.Invalid("too-many-channels", $"一项许可最多声明 {MaxChannels} 个渠道。", $"A license declares at most {MaxChannels} channels.");
        }
        var channel = new LicenseChannel
        {
            Id = Guid.CreateVersion7(),
            LicenseId = license.Id,
            PlatformOrganizationId = platformOrganizationId,
            UrlPrefix = prefix,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.LicenseChannels.Add(channel);
        LicenseReclassifyJob.QueueFor(jobs, license, time);
        await db.SaveChangesAsync(cancellationToken);
        return channel;
    }

    public async Task RemoveChannelAsync(Actor actor, string code, Guid channelId, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, licenseeOnly: true, cancellationToken);
        var channel = await db.LicenseChannels.SingleOrDefaultAsync(c => c.Id == channelId && c.LicenseId == license.Id, cancellationToken)
            ?? throw ReelRightsException.NotFound("渠道");
        db.LicenseChannels.Remove(channel);
        LicenseReclassifyJob.QueueFor(jobs, license, time);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LicenseChannel>> ChannelsAsync(Actor actor, string code, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, licenseeOnly: false, cancellationToken);
        return await db.LicenseChannels.AsNoTracking().Where(c => c.LicenseId == license.Id).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Ends a license in force early, with the reason; sealed as a "terminated" step.</summary>
    public async Task<License> TerminateAsync(Actor actor, string code, string? reason, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, licenseeOnly: false, cancellationToken);
        if (license.State != LicenseState.Active)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "license-not-active", "只有有效的许可可以终止。", "Only a license in force can be terminated.");
        }
        var note = Validation.OptionalText(reason, 2000, "reason") ?? throw ReelRightsException.Invalid("reason-required", "请说明终止理由。", "Give the reason for terminating.");
        var sequence = await db.LicenseEvents.CountAsync(e => e.LicenseId == license.Id, cancellationToken) + 1;
        license.State = LicenseState.Terminated;
        license.Version++;
        db.LicenseEvents.Add(new LicenseEvent
        {
            Id = Guid.CreateVersion7(),
            LicenseId = license.Id,
            Sequence = sequence,
            Kind = LicenseEventKind.Terminated,
            ActorOrganizationId = actor.OrganizationId,
            ActorUserId = actor.UserId,
            Note = note,
            At = Cases.CaseMoves.Truncate(time.GetUtcNow().UtcDateTime),
        });
        var other = license.LicensorOrganizationId == actor.OrganizationId ? license.LicenseeOrganizationId : license.LicensorOrganizationId;
        notifications.Add(other, "license", new("许可已终止", "License terminated"),
            new($"许可 {license.Code} 已由对方终止：{note}", $"License {license.Code} was terminated by the other side: {note}"), $"/trading/licenses/{license.Code}");
        LicenseReclassifyJob.QueueFor(jobs, license, time);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // An amendment, renewal or expiry step committed meanwhile.
            db.ChangeTracker.Clear();
            throw new ReelRightsException(ErrorKind.Conflict, "license-changed", "许可刚刚发生变动，请刷新后重试。", "The license just changed; reload and try again.");
        }
        await sealer.SealLicenseAsync(license.Id, cancellationToken);
        return license;
    }

    private async Task<License> SideAsync(Actor actor, string code, bool licenseeOnly, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingWrite);
        return await TrackedForSideAsync(db, actor, code, licenseeOnly, cancellationToken);
    }

    /// <summary>The license by code, tracked, when the actor is its licensee (or, unless <paramref name="licenseeOnly"/>, its licensor); anyone else gets 404.</summary>
    internal static async Task<License> TrackedForSideAsync(ReelRightsDbContext db, Actor actor, string code, bool licenseeOnly, CancellationToken cancellationToken)
    {
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        var license = await db.Licenses.SingleOrDefaultAsync(l => l.Code == normalized, cancellationToken);
        if (license is null || (license.LicenseeOrganizationId != actor.OrganizationId && (licenseeOnly || license.LicensorOrganizationId != actor.OrganizationId)))
        {
            throw ReelRightsException.NotFound("许可");
        }
        return license;
    }
}
