using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core.Finance;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Finance;

/// <summary>估值与融资: the organization's works, each with its latest valuation range.</summary>
public sealed class IndexModel(CurrentSession session, WorkService works, ValuationService valuation) : PageModel
{
    public IReadOnlyList<(Work Work, ValuationReport? Latest)> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var list = await works.ListAsync(session.Actor, cancellationToken);
        var latest = await valuation.LatestAsync(session.Actor, cancellationToken);
        Rows = list.Select(w => (w, latest.GetValueOrDefault(w.Id))).ToList();
    }
}
