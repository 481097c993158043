using ReelRights.Core.Aigc;
using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Works;

/// <summary>
/// One episode as the work page shows it: its AIGC labels, the state of the registration it is
/// in, and whether a label contradicts the owner's "no AI" declaration.
/// </summary>
public sealed record EpisodeRow(Episode Episode, IReadOnlyList<AigcLabel> Labels, Registration? Registration, bool ContradictsDeclaration);
