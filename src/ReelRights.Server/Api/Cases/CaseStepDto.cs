using ReelRights.Core.Cases;

namespace ReelRights.Server.Api.Cases;

/// <summary>One step of the timeline; <c>receipt</c> is the path of its offline ledger receipt once sealed.</summary>
public sealed record CaseStepDto(int Sequence, CaseAction? Action, CaseState? FromState, CaseState ToState, CaseRole By, Guid? Organization, string? Note,
    string? AttachmentsSha256, DateTime At, long? LedgerIndex, string? Receipt, string? AttachmentsSm3 = null)
{
    public static CaseStepDto From(CaseEvent e) => new(e.Sequence, e.Action, e.FromState, e.ToState, e.ActorRole, e.ActorOrganizationId, e.Note,
        e.AttachmentsSha256, e.At, e.LedgerIndex, e.LedgerIndex is { } i ? $"/api/ledger/receipts/{i}" : null, e.AttachmentsSm3);
}
