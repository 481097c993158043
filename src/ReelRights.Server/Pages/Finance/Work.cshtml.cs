using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Finance;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Finance;

/// <summary>A work's valuation: what the owner declares, the signals and approaches previewed with chosen parameters, and the reports run.</summary>
public sealed class WorkModel(CurrentSession session, ValuationService valuation) : PageModel
{
    public Work Work { get; private set; } = null!;
    public ValuationProfile Profile { get; private set; } = null!;
    public ValuationContent? Preview { get; private set; }
    public IReadOnlyList<ValuationReport> Reports { get; private set; } = [];
    public ValuationParameters Parameters { get; private set; } = ValuationParameters.Default;
    public bool CanWrite => session.Actor.Has(Core.Accounts.Permissions.FinanceWrite);
    public string? FlashZh { get; private set; }
    public string? FlashEn { get; private set; }
    public bool FlashIsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? currency, decimal? discount, int? horizon, decimal? displacement, CancellationToken cancellationToken)
    {
        FlashZh = TempData["rr-valuation-zh"] as string;
        FlashEn = TempData["rr-valuation-en"] as string;
        FlashIsError = TempData["rr-valuation-error"] is true;
        try
        {
            Work = await valuation.WorkAsync(session.Actor, code, cancellationToken);
            Profile = await valuation.ProfileAsync(session.Actor, code, cancellationToken);
            Reports = await valuation.ListAsync(session.Actor, code, cancellationToken);
            var d = ValuationParameters.Default;
            Parameters = new ValuationParameters(string.IsNullOrWhiteSpace(currency) ? d.Currency : currency, discount ?? d.DiscountRatePercent, horizon ?? d.HorizonMonths, displacement ?? d.PiracyDisplacementPercent);
            Preview = await valuation.PreviewAsync(session.Actor, code, Parameters, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.Validation)
        {
            (FlashZh, FlashEn, FlashIsError) = (e.MessageZh, e.MessageEn, true);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(string code, string? genres, decimal? cost, string? costCurrency, DateOnly? firstPublished, CancellationToken cancellationToken)
    {
        try
        {
            var tags = (genres ?? "").Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await valuation.SaveProfileAsync(session.Actor, code, new ProfileInput(tags, cost is { } c ? decimal.ToInt64(Math.Round(c * 100m, 0, MidpointRounding.AwayFromZero)) : null,
                costCurrency, firstPublished), cancellationToken);
            (TempData["rr-valuation-zh"], TempData["rr-valuation-en"]) = ("已保存申报信息。", "Profile saved.");
        }
        catch (ReelRightsException e)
        {
            (TempData["rr-valuation-zh"], TempData["rr-valuation-en"], TempData["rr-valuation-error"]) = (e.MessageZh, e.MessageEn, true);
        }
        return Redirect($"/finance/works/{Uri.EscapeDataString(code)}");
    }

    /// <summary>Shows the preview for the parameters given (a redirect, so the address can be kept and shared).</summary>
    public IActionResult OnPostPreview(string code, string? currency, decimal? discount, int? horizon, decimal? displacement) =>
        Redirect($"/finance/works/{Uri.EscapeDataString(code)}?currency={Uri.EscapeDataString(currency ?? "")}&discount={discount?.ToString(CultureInfo.InvariantCulture)}"
            + $"&horizon={horizon?.ToString(CultureInfo.InvariantCulture)}&displacement={displacement?.ToString(CultureInfo.InvariantCulture)}");

    public async Task<IActionResult> OnPostRunAsync(string code, string? currency, decimal? discount, int? horizon, decimal? displacement, CancellationToken cancellationToken)
    {
        var d = ValuationParameters.Default;
        try
        {
            var report = await valuation.RunAsync(session.Actor, code,
                new ValuationParameters(string.IsNullOrWhiteSpace(currency) ? d.Currency : currency, discount ?? d.DiscountRatePercent, horizon ?? d.HorizonMonths, displacement ?? d.PiracyDisplacementPercent), cancellationToken);
            return Redirect($"/finance/reports/{report.Number}");
        }
        catch (ReelRightsException e)
        {
            (TempData["rr-valuation-zh"], TempData["rr-valuation-en"], TempData["rr-valuation-error"]) = (e.MessageZh, e.MessageEn, true);
            return Redirect($"/finance/works/{Uri.EscapeDataString(code)}");
        }
    }

    public static string Yuan(long? minor) => minor is { } m ? (m / 100m).ToString("0.##", CultureInfo.InvariantCulture) : "";
}
