using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Works;

/// <summary>
/// One episode as the work page shows it: what its file says about AI generation, the state of
/// the registration it is in, and where a label contradicts the owner's "no AI" declaration.
/// </summary>
public sealed record EpisodeRow(Episode Episode, AigcFindings? Findings, Registration? Registration, IReadOnlyList<AigcContradiction> Contradictions);
