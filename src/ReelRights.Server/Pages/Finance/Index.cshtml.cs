using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Finance;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Finance;

/// <summary>估值与融资: the organization's works, each with its latest valuation range.</summary>
public sealed class IndexModel(CurrentSession session, WorkService works, ReelRightsDbContext db) : PageModel
{
    public IReadOnlyList<(Work Work, ValuationReport? Latest)> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var list = await works.ListAsync(session.Actor, cancellationToken);
        var reports = await db.ValuationReports.AsNoTracking().Where(r => r.OrganizationId == session.Actor.OrganizationId).ToListAsync(cancellationToken);
        var latest = reports.GroupBy(r => r.WorkId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.CreatedAt));
        Rows = list.Select(w => (w, latest.GetValueOrDefault(w.Id))).ToList();
    }
}
