using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Works;

/// <summary>One registration with its conflicts read and the episodes it covers counted.</summary>
public sealed record RegistrationRow(Registration Registration, IReadOnlyList<RegistrationConflict> Conflicts, int EpisodeCount);
