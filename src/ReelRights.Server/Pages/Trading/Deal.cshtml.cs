using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Licensing;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Trading;

/// <summary>
/// 交易室: every version of the terms side by side, what each changed highlighted, who proposed it;
/// accept, counter, sign the contract (by the SHA-256 of the PDF shown), withdraw.
/// </summary>
public sealed class DealModel(CurrentSession session, DealService deals, DealSigning signing) : PageModel
{
    public DealView View { get; private set; } = null!;
    public IReadOnlyList<(DealVersion Version, IReadOnlyList<TermsRows.Row> Rows)> Versions { get; private set; } = [];
    public Guid OrganizationId => session.Actor.OrganizationId;
    [BindProperty] public TermsForm Terms { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    public string? FlashZh { get; private set; }
    public string? FlashEn { get; private set; }
    public bool FlashIsError { get; private set; }

    /// <summary>Whether a row's value differs from the version before (the first version is never marked).</summary>
    public bool Changed(int index, string key) =>
        index > 0 && Versions[index].Rows.First(r => r.Key == key).ValueEn != Versions[index - 1].Rows.First(r => r.Key == key).ValueEn;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        FlashZh = TempData["rr-deal-zh"] as string;
        FlashEn = TempData["rr-deal-en"] as string;
        FlashIsError = TempData["rr-deal-error"] is true;
        try
        {
            await LoadAsync(id, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        Terms = TermsForm.From(LicenseTerms.FromJson(View.Versions[^1].TermsJson));
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, int version, CancellationToken cancellationToken) =>
        MoveAsync(id, () => deals.AcceptAsync(session.Actor, id, version, cancellationToken), ("已接受条款，合同已生成，请核对后签署。", "Terms accepted; the contract is drawn. Check it and sign."));

    public Task<IActionResult> OnPostCounterAsync(Guid id, CancellationToken cancellationToken) =>
        MoveAsync(id, () => deals.CounterAsync(session.Actor, id, Terms.ToTerms(), Note, cancellationToken), ("已提出新版本条款。", "A new version of the terms was proposed."));

    public Task<IActionResult> OnPostSignAsync(Guid id, string? sha256, CancellationToken cancellationToken) =>
        MoveAsync(id, () => signing.SignAsync(session.Actor, id, sha256, cancellationToken), ("已签署，签名已存证。", "Signed; the signature is sealed."));

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        MoveAsync(id, () => deals.WithdrawAsync(session.Actor, id, Note, cancellationToken), ("交易已撤回。", "The deal was withdrawn."));

    private async Task<IActionResult> MoveAsync(Guid id, Func<Task<LicenseDeal>> move, (string Zh, string En) done)
    {
        try
        {
            await move();
            (TempData["rr-deal-zh"], TempData["rr-deal-en"]) = (done.Zh, done.En);
        }
        catch (ReelRightsException e)
        {
            (TempData["rr-deal-zh"], TempData["rr-deal-en"], TempData["rr-deal-error"]) = (e.MessageZh, e.MessageEn, true);
        }
        return Redirect($"/trading/deals/{id}");
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        View = await deals.GetAsync(session.Actor, id, cancellationToken);
        Versions = View.Versions.OrderBy(v => v.Number).Select(v => (v, TermsRows.Of(LicenseTerms.FromJson(v.TermsJson)))).ToList();
    }
}
