using ReelRights.Core.Cases;

namespace ReelRights.Server.Api.Cases;

/// <summary>Open from monitoring hits (<c>hitIds</c>) or by hand (<c>workId</c> and <c>locations</c>).</summary>
public sealed record OpenCaseRequest(
    PlatformParty Platform,
    IReadOnlyList<Guid>? HitIds = null,
    Guid? WorkId = null,
    IReadOnlyList<ManualLocation>? Locations = null,
    RespondentParty? Respondent = null);
