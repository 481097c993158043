using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Works;

/// <summary>One line of the works list.</summary>
public sealed record WorkRow(Work Work, int Episodes, RegistrationState? LatestState, string? CertificateNumber);
