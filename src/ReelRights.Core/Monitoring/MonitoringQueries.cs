using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Evidence;
using ReelRights.Core.Jobs;
using ReelRights.Core.Works;

namespace ReelRights.Core.Monitoring;

/// <summary>
/// A task with the state of its latest run and the sources that run could not check (newest
/// first; <see cref="FailureCount"/> counts them all, <see cref="Failures"/> holds at most 50).
/// </summary>
public sealed record TaskRun(MonitoringTask Task, int UrlCount, JobState? State, double Progress, int FailureCount, IReadOnlyList<MonitoringFailure> Failures);

/// <summary>Hits of one work counted by class; dismissed hits are counted apart, whatever their class.</summary>
public sealed record WorkHitCount(Guid WorkId, MatchClass Class, bool Dismissed, int Count);

/// <summary>A platform organization an owner can name as its own or a licensee's channel.</summary>
public sealed record PlatformChoice(Guid Id, string Name);

/// <summary>
/// Read-only queries behind the monitoring pages, batched so a page of many hits costs a few
/// queries rather than a few per hit. Extension methods on the context rather than a service, so
/// the pages can use them without another registration; every one is limited to the actor's
/// organization and checks <see cref="Permissions.MonitoringRead"/>.
/// </summary>
public static class MonitoringQueries
{
    public static async Task<MonitoringHit> HitAsync(this ReelRightsDbContext db, Actor actor, Guid hitId, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        return await db.MonitoringHits.AsNoTracking().SingleOrDefaultAsync(h => h.Id == hitId && h.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("侵权线索");
    }

    public static async Task<IReadOnlyList<TaskRun>> TaskRunsAsync(this ReelRightsDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        var tasks = await db.MonitoringTasks.AsNoTracking().Where(t => t.OrganizationId == actor.OrganizationId)
            .OrderByDescending(t => t.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var jobIds = tasks.Where(t => t.LastJobId is not null).Select(t => t.LastJobId!.Value).ToList();
        var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id))
            .Select(j => new { j.Id, j.State, j.Progress, j.CreatedAt }).ToDictionaryAsync(j => j.Id, cancellationToken);
        // A run's failures are those recorded since its job was enqueued.
        var since = tasks.ToDictionary(t => t.Id, t => t.LastJobId is { } id && jobs.TryGetValue(id, out var job) ? job.CreatedAt : DateTime.MinValue);
        var oldest = since.Count == 0 ? DateTime.MaxValue : since.Values.Min();
        var taskIds = tasks.Select(t => t.Id).ToList();
        var failures = (await db.MonitoringFailures.AsNoTracking().Where(f => taskIds.Contains(f.TaskId) && f.At >= oldest)
                .OrderByDescending(f => f.At).Take(20_000).ToListAsync(cancellationToken))
            .Where(f => f.At >= since[f.TaskId]).ToLookup(f => f.TaskId);
        return tasks.Select(t =>
        {
            var job = t.LastJobId is { } id ? jobs.GetValueOrDefault(id) : null;
            var failed = failures[t.Id].ToList();
            return new TaskRun(t, (JsonSerializer.Deserialize<List<string>>(t.Urls) ?? []).Count, job?.State, job?.Progress ?? 0,
                failed.Count, failed.Take(50).ToList());
        }).ToList();
    }

    public static async Task<IReadOnlyList<WorkHitCount>> HitCountsAsync(this ReelRightsDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        var rows = await db.MonitoringHits.AsNoTracking().Where(h => h.OrganizationId == actor.OrganizationId)
            .GroupBy(h => new { h.WorkId, h.Class, Dismissed = h.DismissedReason != null })
            .Select(g => new { g.Key.WorkId, g.Key.Class, g.Key.Dismissed, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new WorkHitCount(r.WorkId, r.Class, r.Dismissed, r.Count)).ToList();
    }

    /// <summary>The organization's episodes among <paramref name="ids"/>, by id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Episode>> EpisodesAsync(this ReelRightsDbContext db, Actor actor, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        var list = ids.Distinct().ToList();
        return await db.Episodes.AsNoTracking().Where(e => list.Contains(e.Id) && e.OrganizationId == actor.OrganizationId)
            .ToDictionaryAsync(e => e.Id, cancellationToken);
    }

    /// <summary>Evidence bundles of the given hits, newest first within each hit.</summary>
    public static async Task<ILookup<Guid, EvidenceBundle>> BundlesAsync(this ReelRightsDbContext db, Actor actor, IReadOnlyCollection<Guid> hitIds,
        CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        var list = hitIds.Distinct().ToList();
        var bundles = await db.EvidenceBundles.AsNoTracking().Where(b => list.Contains(b.HitId) && b.OrganizationId == actor.OrganizationId)
            .ToListAsync(cancellationToken);
        return bundles.OrderByDescending(b => b.CreatedAt).ToLookup(b => b.HitId);
    }

    /// <summary>Dismissals and restorations of the given hits with who did them, oldest first within each hit.</summary>
    public static async Task<ILookup<Guid, HitEvent>> HitHistoryAsync(this ReelRightsDbContext db, Actor actor, IReadOnlyCollection<Guid> hitIds,
        CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        var targets = hitIds.Distinct().Select(id => id.ToString()).ToList();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.OrganizationId == actor.OrganizationId && e.TargetId != null && targets.Contains(e.TargetId)
                && (e.Action == MonitoringService.DismissedAction || e.Action == MonitoringService.RestoredAction
                    || e.Action == Licensing.LicenseReclassifyJob.ReclassifiedAction))
            .ToListAsync(cancellationToken);
        var userIds = events.Where(e => e.ActorUserId is not null).Select(e => e.ActorUserId!.Value).Distinct().ToList();
        var keyIds = events.Where(e => e.ActorApiKeyId is not null).Select(e => e.ActorApiKeyId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.OrganizationId == actor.OrganizationId)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id) && k.OrganizationId == actor.OrganizationId)
            .ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
        return events.OrderBy(e => e.At).ThenBy(e => e.Id).ToLookup(e => Guid.Parse(e.TargetId!), e => new HitEvent(
            Guid.Parse(e.TargetId!),
            e.Action switch
            {
                MonitoringService.RestoredAction => HitAction.Restored,
                Licensing.LicenseReclassifyJob.ReclassifiedAction => HitAction.Reclassified,
                _ => HitAction.Dismissed,
            },
            e.Detail,
            e.At,
            e.ActorUserId,
            e.ActorApiKeyId,
            e.ActorUserId is { } user ? users.GetValueOrDefault(user) : e.ActorApiKeyId is { } key ? keys.GetValueOrDefault(key) : null));
    }

    /// <summary>Platforms on ReelRights, so an owner can pick a licensee's platform by name rather than by id.</summary>
    public static async Task<IReadOnlyList<PlatformChoice>> PlatformsAsync(this ReelRightsDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.MonitoringRead);
        var platforms = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Platform)
            .Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        return platforms.Select(p => new PlatformChoice(p.Id, p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }
}
