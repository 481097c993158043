using ReelRights.Core.Cases;

namespace ReelRights.Server.Api.Cases;

public sealed record CaseSummaryDto(Guid Id, string Number, CaseKind Kind, CaseState State, string StateZh, string StateEn, CaseClosure? Closure,
    string Title, Guid WorkId, string PlatformName, string? NoticeSha256, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static CaseSummaryDto From(EnforcementCase c)
    {
        var state = CaseText.State(c.State);
        return new(c.Id, c.Number, c.Kind, c.State, state.Zh, state.En, c.Closure, c.Title, c.WorkId, c.PlatformName, c.NoticeSha256, c.CreatedAt, c.UpdatedAt);
    }
}
