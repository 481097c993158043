using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Licensing;

/// <summary>
/// Re-classifies the open (not dismissed) hits of a work after its licensing changed: a grant, a
/// declared or removed channel, a termination, or a term starting or ending (jobs due on those
/// dates). Each hit whose class or deciding license changes gets a history entry saying from what
/// to what and which license decided it.
/// </summary>
public sealed class LicenseReclassifyJob(ReelRightsDbContext db, AuditLog audit, Microsoft.Extensions.Options.IOptions<MonitoringOptions> options, TimeProvider time) : IJobHandler
{
    public const string JobKind = "license-reclassify";
    public const string ReclassifiedAction = "monitoring.hit-reclassified";
    private const int Batch = 2000;

    public string Kind => JobKind;

    public static string Payload(Guid workId) => JsonSerializer.Serialize(new { workId });

    /// <summary>Queues the job now and at the days the license's term starts and ends, so the hits follow the calendar.</summary>
    public static void QueueFor(JobQueue jobs, License license, TimeProvider time)
    {
        jobs.Enqueue(JobKind, Payload(license.WorkId), license.LicensorOrganizationId, maxAttempts: 5);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var at in new[] { LicensingClock.StartOf(license.Start), LicensingClock.StartOf(license.End.AddDays(1)) }.Where(t => t > now))
        {
            jobs.Enqueue(JobKind, Payload(license.WorkId), license.LicensorOrganizationId, maxAttempts: 5, delay: at - now + TimeSpan.FromSeconds(1));
        }
    }

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        var workId = JsonDocument.Parse(job.Payload).RootElement.GetProperty("workId").GetGuid();
        await ReclassifyAsync(workId, reportProgress, cancellationToken);
        return JobOutcome.Done;
    }

    /// <summary>Returns how many hits changed.</summary>
    public async Task<int> ReclassifyAsync(Guid workId, Func<double, Task>? reportProgress, CancellationToken cancellationToken)
    {
        var owner = await db.Works.AsNoTracking().Where(w => w.Id == workId).Select(w => (Guid?)w.OrganizationId).SingleOrDefaultAsync(cancellationToken);
        if (owner is not { } organization)
        {
            return 0;
        }
        var rules = await ChannelRules.LoadAsync(db, organization, workId, LicensingClock.Today(time), cancellationToken);
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.WorkId == workId).ToDictionaryAsync(e => e.Id, e => e.Number, cancellationToken);
        var total = await db.MonitoringHits.CountAsync(h => h.WorkId == workId && h.OrganizationId == organization && h.DismissedReason == null, cancellationToken);
        var changed = 0;
        var done = 0;
        Guid? after = null;
        while (true)
        {
            var query = db.MonitoringHits.Where(h => h.WorkId == workId && h.OrganizationId == organization && h.DismissedReason == null);
            if (after is { } last)
            {
                query = query.Where(h => h.Id.CompareTo(last) > 0);
            }
            var hits = await query.OrderBy(h => h.Id).Take(Batch).ToListAsync(cancellationToken);
            if (hits.Count == 0)
            {
                break;
            }
            foreach (var hit in hits)
            {
                var number = episodes.GetValueOrDefault(hit.EpisodeId);
                var decision = rules.Decide(number, new CandidateChannel(null, hit.Source), null)
                    ?? (hit.PageUrl is { } page ? rules.Decide(number, new CandidateChannel(null, page), null) : null);
                var next = decision?.Class ?? ScreeningService.ByScore(hit.Score, options.Value);
                if (next == hit.Class && decision?.LicenseCode == hit.LicenseCode)
                {
                    continue;
                }
                audit.Record(null, organization, ReclassifiedAction, hit.Id.ToString(),
                    $"{hit.Class} → {next}" + (decision?.LicenseCode is { } code ? $" ({code})" : hit.LicenseCode is { } old ? $" (was {old})" : ""));
                hit.Class = next;
                hit.LicenseCode = decision?.LicenseCode;
                changed++;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += hits.Count;
            after = hits[^1].Id;
            if (reportProgress is not null && total > 0)
            {
                await reportProgress((double)done / total);
            }
        }
        return changed;
    }
}
