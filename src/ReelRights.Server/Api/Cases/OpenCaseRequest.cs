using ReelRights.Core.Cases;

namespace ReelRights.Server.Api.Cases;

/// <summary>
/// Open from monitoring hits (<c>hitIds</c>) or by hand (<c>workId</c> and <c>locations</c>);
/// with <c>sendNotice</c>, the cases opened (one per work) are sent to the platform at once as one notice.
/// </summary>
public sealed record OpenCaseRequest(
    PlatformParty Platform,
    IReadOnlyList<Guid>? HitIds = null,
    Guid? WorkId = null,
    IReadOnlyList<ManualLocation>? Locations = null,
    RespondentParty? Respondent = null,
    bool SendNotice = false);

/// <summary>Cases of one platform to send as one notice, listed in this order.</summary>
public sealed record SendNoticeRequest(IReadOnlyList<Guid> CaseIds);

/// <summary>The notice sent (its SHA-256, sealed by each case's step) and the cases it covers.</summary>
public sealed record NoticeBatchDto(string NoticeSha256, IReadOnlyList<MoveResultDto> Cases);
