using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Finance;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Finance;

/// <summary>A valuation report as run and sealed, its downloads and receipt, and a comparison with another report of the work.</summary>
public sealed class ReportModel(CurrentSession session, ValuationService valuation) : PageModel
{
    public ValuationReportView View { get; private set; } = null!;
    public IReadOnlyList<ValuationReport> Others { get; private set; } = [];
    public ValuationComparison? Comparison { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, string? with, CancellationToken cancellationToken)
    {
        try
        {
            View = await valuation.GetAsync(session.Actor, number, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        Others = (await valuation.ListAsync(session.Actor, View.WorkId.ToString(), cancellationToken)).Where(r => r.Number != View.Report.Number).ToList();
        if (!string.IsNullOrWhiteSpace(with))
        {
            try
            {
                Comparison = await valuation.CompareAsync(session.Actor, number, with, cancellationToken);
            }
            catch (ReelRightsException e)
            {
                (ErrorZh, ErrorEn) = (e.MessageZh, e.MessageEn);
            }
        }
        return Page();
    }
}
