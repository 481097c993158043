using ReelRights.Core.Monitoring;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Server.Api.Monitoring;

/// <summary>
/// A hit as the API shows it: the matched segments as objects, and how much was copied
/// (<see cref="CopiedSeconds"/> of the copy, from <see cref="ReferenceRanges"/> of the registered
/// episode; see <see cref="CopiedTime"/>), the license that decided its class, if one did, and the
/// view count its page last reported, where it reports one.
/// </summary>
public sealed record HitDto(
    Guid Id, Guid TaskId, string Source, string? PageUrl, Guid WorkId, Guid EpisodeId, string MediaSha256, double Score, string Modality, MatchClass Class,
    IReadOnlyList<MatchedSegment> Segments, double CopiedSeconds, double ReferenceSeconds, IReadOnlyList<SecondsRange> ReferenceRanges,
    bool Dismissed, string? DismissedReason, DateTime FirstSeenAt, DateTime LastSeenAt, int TimesSeen,
    string? LicenseCode = null, long? ObservedViews = null, DateTime? ViewsObservedAt = null)
{
    public static HitDto From(MonitoringHit hit)
    {
        var segments = HitSegments.Parse(hit.Segments);
        var copied = CopiedTime.Of(segments);
        return new HitDto(hit.Id, hit.TaskId, hit.Source, hit.PageUrl, hit.WorkId, hit.EpisodeId, hit.MediaSha256, hit.Score, hit.Modality, hit.Class,
            segments, copied.Seconds, copied.ReferenceSeconds, copied.Reference, hit.DismissedReason is not null, hit.DismissedReason,
            hit.FirstSeenAt, hit.LastSeenAt, hit.TimesSeen, hit.LicenseCode, hit.ObservedViews, hit.ViewsObservedAt);
    }
}
