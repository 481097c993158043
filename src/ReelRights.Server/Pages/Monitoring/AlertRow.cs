using System.Globalization;
using ReelRights.Core.Evidence;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Server.Pages.Monitoring;

/// <summary>
/// One hit as the alerts page shows it: the work and episode by code rather than id, the copied
/// segments and how many seconds they add up to, the evidence bundles captured for it (newest
/// first), and who dismissed or restored it (oldest first).
/// </summary>
public sealed record AlertRow(MonitoringHit Hit, Work? Work, Episode? Episode, string? TaskName, IReadOnlyList<MatchedSegment> Segments,
    IReadOnlyList<EvidenceBundle> Bundles, bool HasReferenceMedia, IReadOnlyList<HitEvent>? History = null)
{
    /// <summary>Seconds of the copy matched, and the registered episode's seconds they came from.</summary>
    public CopiedTime Copied { get; } = CopiedTime.Of(Segments);

    /// <summary>The registered seconds as "a–b, c–d" (to a tenth of a second).</summary>
    public string ReferenceText => string.Join(", ", Copied.Reference.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Start:0.0}–{r.End:0.0}")));

    /// <summary>The longest copied segment: the frames are taken at its middle, as the evidence capture does.</summary>
    public MatchedSegment? Main => Segments.MaxBy(s => s.QueryEnd - s.QueryStart);

    /// <summary>Seconds into the registered episode of the frame shown, to a tenth (so the frame URL is stable and cacheable).</summary>
    public double? ReferenceSecond => Main is { } s ? Math.Round(Math.Max(0, (s.ReferenceStart + s.ReferenceEnd) / 2), 1) : null;

    public double? CopySecond => Main is { } s ? Math.Round(Math.Max(0, (s.QueryStart + s.QueryEnd) / 2), 1) : null;

    public EvidenceBundle? SealedBundle => Bundles.FirstOrDefault(b => b.State == EvidenceState.Sealed);

    public bool Capturing => Bundles.Any(b => b.State == EvidenceState.Capturing);

    public bool Dismissed => Hit.DismissedReason is not null;

    /// <summary>Where the copy is (the uploader's site), for grouping and at-a-glance reading.</summary>
    public string Host => Uri.TryCreate(Hit.Source, UriKind.Absolute, out var uri) ? uri.Authority : "";

    public static IReadOnlyList<MatchedSegment> ParseSegments(string json) => HitSegments.Parse(json);
}
