using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Mediation;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Cases;

/// <summary>A mediator's docket (调解案件): the cases assigned to it, each with its next session, open proposals and the agreement's state.</summary>
public sealed class CaseDocketModel(CurrentSession session, CaseService cases, MediationService mediation, TimeProvider time) : PageModel
{
    public sealed record Row(EnforcementCase Case, MediationSession? NextSession, int OpenProposals, AgreementState? Agreement, CaseDeadline? Deadline);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (session.Actor.OrganizationKind != OrganizationKind.Mediator || !session.Actor.Has(Permissions.CasesRead))
        {
            return Forbid();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<Row>();
        foreach (var c in (await cases.ListAsync(session.Actor, null, null, 500, cancellationToken)).Where(c => c.MediatorOrganizationId == session.Actor.OrganizationId))
        {
            var view = await mediation.ViewAsync(await mediation.PartyAsync(session.Actor, c.Id, false, cancellationToken), cancellationToken);
            var detail = await cases.GetAsync(session.Actor, c.Id, cancellationToken);
            rows.Add(new Row(c, view.Sessions.Where(s => s.StartsAt >= now).MinBy(s => s.StartsAt), view.Proposals.Count(p => p.State == ProposalState.Open),
                view.Agreement?.State, detail.Deadlines.Where(d => d.State == DeadlineState.Running).MinBy(d => d.DueAt)));
        }
        Rows = rows.OrderBy(r => CaseWorkflow.IsTerminal(r.Case.State)).ThenBy(r => r.NextSession?.StartsAt ?? DateTime.MaxValue).ToList();
        return Page();
    }
}
