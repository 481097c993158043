namespace ReelRights.Fingerprinting.Matching;

/// <summary>A reference found in a query.</summary>
/// <param name="ReferenceId">The reference's id.</param>
/// <param name="Score">Calibrated confidence in [0, 1]; unrelated pairs stay well below 0.5.</param>
/// <param name="Modality">The evidence it rests on.</param>
/// <param name="Speed">Playback speed of the copy relative to the reference (1.25 = sped up 25 %).</param>
/// <param name="Segments">Copied seconds in query order.</param>
public sealed record FingerprintMatch(
    string ReferenceId, double Score, MatchModality Modality, double Speed, IReadOnlyList<MatchedSegment> Segments);
