using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Fingerprints;
using ReelRights.Core.Works;
using ReelRights.Fingerprinting;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Media;

namespace ReelRights.Core.Monitoring;

/// <summary>Limits and policy of monitoring and screening (configuration section <c>Monitoring</c>).</summary>
public sealed class MonitoringOptions
{
    public long MaxScreeningBytes { get; set; } = 4L << 30;
    public double MaxScreeningSeconds { get; set; } = 4 * 3600;

    /// <summary>
    /// Matches at or above this calibrated score (0..1, where the engine's default threshold is the
    /// lowest reported) are reported as suspected infringement; below it a person should review.
    /// </summary>
    public double ConfidentScore { get; set; } = 0.75;

    /// <summary>Folders under which owners may ask for a watched folder (none by default: an operator opts in).</summary>
    public List<string> WatchedFolderRoots { get; set; } = [];
}

public enum ScreeningOutcome
{
    /// <summary>Matches no registered work.</summary>
    Clear,
    /// <summary>Matches only works this platform may carry.</summary>
    Licensed,
    /// <summary>Matches a registered work this platform has no license for.</summary>
    Match,
}

public sealed record ScreenedMatch(string WorkCode, string WorkTitle, string EpisodeCode, string Owner, double Score, string Modality,
    IReadOnlyList<MatchedSegment> Segments, bool Licensed, MatchClass Class, string? LicenseCode = null, DateOnly? LicenseEnd = null);

public sealed record ScreeningVerdict(ScreeningOutcome Verdict, string Sha256, double DurationSeconds, IReadOnlyList<ScreenedMatch> Matches, double ElapsedMilliseconds);

/// <summary>
/// The platform screening API's engine: a platform posts an upload (media or a fingerprint) before
/// publishing and gets, synchronously, whether it matches registered works, which seconds, and
/// whether this platform is licensed for them.
/// </summary>
public sealed class ScreeningService(
    ReelRightsDbContext db, RegistrationIndex index, ILicenseDirectory licenses, FfmpegMedia media, IOptions<MonitoringOptions> options, TimeProvider time)
{
    public async Task<ScreeningVerdict> ScreenAsync(Actor actor, Stream content, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.ScreeningSubmit);
        var started = time.GetTimestamp();
        await using var intake = await MediaIntake.ReceiveAsync(content, options.Value.MaxScreeningBytes, cancellationToken);
        var fingerprint = await intake.FingerprintAsync(media, options.Value.MaxScreeningSeconds, cancellationToken);
        var matches = await ClassifyAsync(fingerprint, new CandidateChannel(actor.OrganizationId, null), cancellationToken);
        var verdict = matches.Count == 0 ? ScreeningOutcome.Clear
            : matches.All(m => m.Licensed) ? ScreeningOutcome.Licensed
            : ScreeningOutcome.Match;
        return new ScreeningVerdict(verdict, intake.Sha256, Math.Round(fingerprint.DurationSeconds, 3), matches, time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Matches a fingerprint against every sealed registration and classifies each match for the channel it came from.</summary>
    public async Task<List<ScreenedMatch>> ClassifyAsync(Fingerprint fingerprint, CandidateChannel channel, CancellationToken cancellationToken)
    {
        var result = new List<ScreenedMatch>();
        foreach (var match in await index.MatchAsync(fingerprint, cancellationToken))
        {
            if (!Guid.TryParse(match.ReferenceId, out var episodeId)
                || await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, cancellationToken) is not { } episode)
            {
                continue;
            }
            var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == episode.WorkId, cancellationToken);
            var owner = await db.Organizations.AsNoTracking().Where(o => o.Id == work.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            var decision = await licenses.DecideAsync(work.OrganizationId, work.Id, episode.Number, channel, cancellationToken);
            var matchClass = decision?.Class ?? ByScore(match.Score, options.Value);
            result.Add(new ScreenedMatch(work.Code, work.Title, episode.Code, owner, Math.Round(match.Score, 3),
                match.Modality.ToString().ToLowerInvariant(), match.Segments, matchClass is MatchClass.Licensed or MatchClass.OwnChannel, matchClass,
                decision?.LicenseCode, decision?.LicenseEnd));
        }
        return result;
    }

    /// <summary>How a match on a channel with no right to the work is classed: by how confident the engine is.</summary>
    public static MatchClass ByScore(double score, MonitoringOptions options) => score >= options.ConfidentScore ? MatchClass.Suspected : MatchClass.NeedsReview;
}
