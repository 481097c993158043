using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Fingerprinting.Indexing;

/// <summary>
/// Seconds of a reference that also occur in another reference of the same index (a shared intro,
/// outro, recap or theme music). They are left out of the postings, so they neither match a
/// query nor crowd out its real match.
/// </summary>
/// <param name="ReferenceId">The reference.</param>
/// <param name="Modality">Video or audio (both when both were shared).</param>
/// <param name="StartSeconds">Start in the reference.</param>
/// <param name="EndSeconds">End in the reference.</param>
public sealed record CommonSpan(string ReferenceId, MatchModality Modality, double StartSeconds, double EndSeconds);
