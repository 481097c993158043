using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Trading;

/// <summary>结算单: the month's figures and formula, the usage behind them, each side's confirmation, and payments.</summary>
public sealed class StatementModel(CurrentSession session, RoyaltyService royalties) : PageModel
{
    public RoyaltyStatementView View { get; private set; } = null!;
    public bool IsLicensor => View.License.LicensorOrganizationId == session.Actor.OrganizationId;
    public bool OurConfirmation => IsLicensor ? View.Statement.LicensorConfirmedAt is not null : View.Statement.LicenseeConfirmedAt is not null;
    public string? FlashZh { get; private set; }
    public string? FlashEn { get; private set; }
    public bool FlashIsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        FlashZh = TempData["rr-statement-zh"] as string;
        FlashEn = TempData["rr-statement-en"] as string;
        FlashIsError = TempData["rr-statement-error"] is true;
        try
        {
            View = await royalties.GetAsync(session.Actor, number, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(string number, string? sha256, CancellationToken cancellationToken) =>
        MoveAsync(number, () => royalties.ConfirmAsync(session.Actor, number, sha256, cancellationToken), ("已确认结算单。", "Statement confirmed."));

    public Task<IActionResult> OnPostPaymentAsync(string number, decimal? amount, DateOnly? paidOn, string? reference, CancellationToken cancellationToken) =>
        MoveAsync(number, () => royalties.RecordPaymentAsync(session.Actor, number, amount is { } a ? decimal.ToInt64(Math.Round(a * 100m, 0, MidpointRounding.AwayFromZero)) : 0,
            paidOn ?? throw ReelRightsException.Invalid("invalid-date", "请填写付款日期。", "Give the payment date."), reference, cancellationToken), ("付款已登记并存证。", "Payment recorded and sealed."));

    private async Task<IActionResult> MoveAsync(string number, Func<Task<RoyaltyStatementView>> move, (string Zh, string En) done)
    {
        try
        {
            await move();
            (TempData["rr-statement-zh"], TempData["rr-statement-en"]) = (done.Zh, done.En);
        }
        catch (ReelRightsException e)
        {
            (TempData["rr-statement-zh"], TempData["rr-statement-en"], TempData["rr-statement-error"]) = (e.MessageZh, e.MessageEn, true);
        }
        return Redirect($"/trading/statements/{number}");
    }
}
