using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Fingerprints;
using ReelRights.Media;

namespace ReelRights.Core.Cases;

/// <summary>
/// After a takedown measure, monitoring fetches the place again (the hit's media address, else the
/// location) through the same fetch policy and engine as any scan. The copy still matching the
/// case's work is "measure not effective": the case page says so and the claimant is offered a
/// fresh capture; an error answer means the copy is gone.
/// </summary>
public sealed class MeasureRecheckJob(ReelRightsDbContext db, MediaSourceFetcher sources, FfmpegMedia media, ScreeningService screening, CaseMoves moves,
    TimeProvider time) : IJobHandler
{
    public const string JobKind = "case.recheck";

    public string Kind => JobKind;

    public static string Payload(Guid caseId, Guid locationId) => JsonSerializer.Serialize(new { caseId, locationId });

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(job.Payload);
        var locationId = payload.RootElement.GetProperty("locationId").GetGuid();
        var location = await db.CaseLocations.SingleOrDefaultAsync(l => l.Id == locationId, cancellationToken);
        if (location is null || location.Measure is not (CaseMeasure.Removed or CaseMeasure.Blocked or CaseMeasure.LinksDisconnected))
        {
            return JobOutcome.Done;
        }
        var c = await db.Cases.SingleAsync(x => x.Id == location.CaseId, cancellationToken);
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == c.WorkId, cancellationToken);
        var source = location.HitId is { } hitId
            ? await db.MonitoringHits.AsNoTracking().Where(h => h.Id == hitId).Select(h => h.Source).SingleOrDefaultAsync(cancellationToken) ?? location.Url
            : location.Url;
        var (outcome, detail) = await CheckAsync(source, work.Code, cancellationToken);
        location.Recheck = outcome;
        location.RecheckDetail = detail.Length > 1000 ? detail[..1000] : detail;
        location.RecheckedAt = CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
        if (outcome == RecheckOutcome.StillServed)
        {
            c.Version++;
            moves.NotifyParties(c, null, new("必要措施未生效", "Measure not effective"),
                new($"案件 {c.Number}：{location.Url} 在采取措施后仍可获取侵权副本。", $"Case {c.Number}: {location.Url} still serves the copy after the measure."));
        }
        await db.SaveChangesAsync(cancellationToken);
        return JobOutcome.Done;
    }

    private async Task<(RecheckOutcome, string)> CheckAsync(string url, string workCode, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return (RecheckOutcome.CouldNotCheck, "not an absolute URL");
        }
        var directory = Directory.CreateTempSubdirectory("rr-recheck-");
        try
        {
            var fetched = await sources.FetchAsync(uri, directory.FullName, cancellationToken);
            ReelRights.Fingerprinting.Fingerprint fingerprint;
            try
            {
                fingerprint = await new MediaFingerprinter(media).FingerprintAsync(fetched.Path, cancellationToken);
            }
            catch (MediaException e)
            {
                return (RecheckOutcome.CouldNotCheck, $"served, but not readable media: {e.EnglishMessage}");
            }
            var matches = await screening.ClassifyAsync(fingerprint, new CandidateChannel(null, fetched.Fetch.FinalUrl.ToString()), cancellationToken);
            var match = matches.Where(m => m.WorkCode == workCode).MaxBy(m => m.Score);
            return match is null
                ? (RecheckOutcome.NoLongerMatches, $"served ({fetched.Sha256[..12]}…), no longer matching {workCode}")
                : (RecheckOutcome.StillServed, $"still served ({fetched.Sha256[..12]}…): episode {match.EpisodeCode}, score {match.Score:F2}");
        }
        catch (FetchException e)
        {
            return (RecheckOutcome.Gone, $"{e.Code}: {e.MessageEn}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
