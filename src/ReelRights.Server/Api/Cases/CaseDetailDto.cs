using ReelRights.Core.Cases;

namespace ReelRights.Server.Api.Cases;

/// <summary>A case as the caller sees it: its places, timeline, clocks, the caller's roles and the moves open to it.</summary>
public sealed record CaseDetailDto(
    CaseSummaryDto Case,
    string? PlatformEmail,
    string? RespondentName,
    Guid? MediatorOrganizationId,
    IReadOnlyList<CaseLocation> Locations,
    IReadOnlyList<CaseStepDto> Steps,
    IReadOnlyList<CaseDeadline> Deadlines,
    IReadOnlySet<CaseRole> Roles,
    IReadOnlyList<CaseAction> Actions)
{
    public static CaseDetailDto From(CaseDetail d) => new(CaseSummaryDto.From(d.Case), d.Case.PlatformEmail, d.Case.RespondentName,
        d.Case.MediatorOrganizationId, d.Locations, d.Events.Select(CaseStepDto.From).ToList(), d.Deadlines, d.Roles, d.Actions);
}
