using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Licensing;

/// <summary>
/// Records a license's expiry as a sealed "expired" step on the day after its term ends (China
/// time), and tells both sides. Queued at the grant and at every amendment or renewal; it checks
/// again when it runs, so a license renewed meanwhile, terminated, or already marked is left alone.
/// </summary>
public sealed class LicenseExpiryJob(ReelRightsDbContext db, LicenseSealer sealer, JobQueue jobs, NotificationService notifications, TimeProvider time) : IJobHandler
{
    public const string JobKind = "license-expiry";

    public string Kind => JobKind;

    public static string Payload(Guid licenseId) => JsonSerializer.Serialize(new { licenseId });

    public static void QueueFor(JobQueue jobs, License license, TimeProvider time)
    {
        var at = LicensingClock.StartOf(license.End.AddDays(1));
        var now = time.GetUtcNow().UtcDateTime;
        jobs.Enqueue(JobKind, Payload(license.Id), license.LicensorOrganizationId, maxAttempts: 5,
            delay: at > now ? at - now + TimeSpan.FromSeconds(1) : null);
    }

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        await MarkAsync(JsonDocument.Parse(job.Payload).RootElement.GetProperty("licenseId").GetGuid(), cancellationToken);
        return JobOutcome.Done;
    }

    /// <summary>Adds the "expired" step when the term has ended and no step since the last change of terms says so; returns whether it did.</summary>
    public async Task<bool> MarkAsync(Guid licenseId, CancellationToken cancellationToken)
    {
        var license = await db.Licenses.SingleOrDefaultAsync(l => l.Id == licenseId, cancellationToken);
        if (license is null || license.State != LicenseState.Active || LicensingClock.Today(time) <= license.End)
        {
            return false;
        }
        var last = await db.LicenseEvents.Where(e => e.LicenseId == licenseId).OrderByDescending(e => e.Sequence).FirstAsync(cancellationToken);
        if (last.Kind == LicenseEventKind.Expired)
        {
            return false;
        }
        var end = license.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        db.LicenseEvents.Add(new LicenseEvent
        {
            Id = Guid.CreateVersion7(),
            LicenseId = license.Id,
            Sequence = last.Sequence + 1,
            Kind = LicenseEventKind.Expired,
            Note = $"许可期限已于 {end} 届满 / the term ended on {end}",
            At = Cases.CaseMoves.Truncate(time.GetUtcNow().UtcDateTime),
        });
        // The license's version orders this step against a renewal or termination committed meanwhile: one of the two commits fails and looks again.
        license.Version++;
        jobs.Enqueue(LicenseSealJob.JobKind, LicenseSealJob.LicensePayload(license.Id), license.LicensorOrganizationId, delay: TimeSpan.FromMinutes(1));
        foreach (var side in new[] { license.LicensorOrganizationId, license.LicenseeOrganizationId })
        {
            notifications.Add(side, "license", new("许可已到期", "License expired"),
                new($"许可 {license.Code} 的期限已于 {end} 届满。", $"License {license.Code}'s term ended on {end}."), $"/trading/licenses/{license.Code}");
        }
        await db.SaveChangesAsync(cancellationToken);
        await sealer.SealLicenseAsync(license.Id, cancellationToken);
        return true;
    }
}
