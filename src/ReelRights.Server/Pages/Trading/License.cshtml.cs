using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Licensing;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Trading;

/// <summary>
/// 许可: its terms, sealed history and signatures; the licensee's channels (what monitoring and
/// screening recognise); usage uploads and the monthly statements.
/// </summary>
public sealed class LicenseModel(CurrentSession session, LicenseService licenses, LicenseChanges changes, LicenseAmendments amendments, RoyaltyService royalties) : PageModel
{
    /// <summary>The full terms an amendment proposes, prefilled with the terms in force.</summary>
    [BindProperty] public TermsForm Terms { get; set; } = new();
    public IReadOnlyList<LicenseAmendment> Amendments { get; private set; } = [];
    public LicenseAmendment? Open => Amendments.FirstOrDefault(a => a.State == AmendmentState.Open);
    public bool CanChange => session.Actor.Has(ReelRights.Core.Accounts.Permissions.LicensingWrite) && View.License.State == LicenseState.Active;
    public LicenseView View { get; private set; } = null!;
    public IReadOnlyList<LicenseChannel> Channels { get; private set; } = [];
    public IReadOnlyList<RoyaltyStatement> Statements { get; private set; } = [];
    public int UsageRows { get; private set; }
    public Guid Me => session.Actor.OrganizationId;
    public bool IsLicensee => View.License.LicenseeOrganizationId == session.Actor.OrganizationId;
    public string? FlashZh { get; private set; }
    public string? FlashEn { get; private set; }
    public bool FlashIsError { get; private set; }
    public IReadOnlyList<object>? FlashDetails { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        FlashZh = TempData["rr-license-zh"] as string;
        FlashEn = TempData["rr-license-en"] as string;
        FlashIsError = TempData["rr-license-error"] is true;
        if (TempData["rr-license-details"] is string details)
        {
            FlashDetails = details.Split('\n').Cast<object>().ToList();
        }
        try
        {
            View = await licenses.GetAsync(session.Actor, code, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        Terms = TermsForm.From(View.Terms);
        Amendments = await amendments.ListAsync(session.Actor, code, cancellationToken);
        Channels = await changes.ChannelsAsync(session.Actor, code, cancellationToken);
        Statements = await royalties.StatementsAsync(session.Actor, code, cancellationToken);
        UsageRows = (await royalties.UsageAsync(session.Actor, code, cancellationToken)).Count;
        return Page();
    }

    public Task<IActionResult> OnPostChannelAsync(string code, string? urlPrefix, CancellationToken cancellationToken) =>
        MoveAsync(code, async () =>
        {
            await changes.DeclareChannelAsync(session.Actor, code, null, urlPrefix, cancellationToken);
            return ("渠道已声明；该渠道上的副本将按本许可判断。", "Channel declared; copies there are now judged by this license.");
        });

    /// <summary>A renewal: the terms in force with a later end date.</summary>
    public Task<IActionResult> OnPostRenewAsync(string code, DateOnly? end, string? note, CancellationToken cancellationToken) =>
        MoveAsync(code, async () =>
        {
            var current = (await licenses.GetAsync(session.Actor, code, cancellationToken)).Terms;
            var until = end ?? throw ReelRightsException.Invalid("invalid-renewal", "请给出续期后的结束日期。", "Give the end date after renewal.");
            await amendments.ProposeAsync(session.Actor, code, AmendmentKind.Renew, current with { End = until }, note, cancellationToken);
            return ("续期已提出，等待对方答复。", "Renewal proposed; waiting for the other side.");
        });

    public Task<IActionResult> OnPostAmendAsync(string code, string? note, CancellationToken cancellationToken) =>
        MoveAsync(code, async () =>
        {
            await amendments.ProposeAsync(session.Actor, code, AmendmentKind.Amend, Terms.ToTerms(), note, cancellationToken);
            return ("修订已提出，等待对方答复。", "Amendment proposed; waiting for the other side.");
        });

    /// <summary>Answers the open change: accept or decline (the other side), withdraw (the proposer).</summary>
    public Task<IActionResult> OnPostAnswerAsync(string code, Guid amendment, string? decision, string? note, CancellationToken cancellationToken) =>
        MoveAsync(code, async () =>
        {
            switch (decision)
            {
                case "accept":
                    await amendments.AcceptAsync(session.Actor, code, amendment, cancellationToken);
                    return ("已接受，新条款已生效并存证。", "Accepted; the new terms apply and are sealed.");
                case "decline" or "withdraw":
                    await amendments.CloseAsync(session.Actor, code, amendment, decision == "withdraw", note, cancellationToken);
                    return decision == "withdraw" ? ("已撤回。", "Withdrawn.") : ("已拒绝。", "Declined.");
                default:
                    throw ReelRightsException.Invalid("invalid-decision", "请选择接受、拒绝或撤回。", "Choose accept, decline or withdraw.");
            }
        });

    public Task<IActionResult> OnPostUsageAsync(string code, IFormFile? file, CancellationToken cancellationToken) =>
        MoveAsync(code, async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw ReelRightsException.Invalid("file-required", "请选择用量 CSV 文件。", "Choose a usage CSV file.");
            }
            if (file.Length > RoyaltyService.MaxFileBytes)
            {
                throw ReelRightsException.Invalid("usage-too-large", "用量文件最大 16 MiB。", "A usage file is at most 16 MiB.");
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var import = await royalties.ImportCsvAsync(session.Actor, code, file.FileName, buffer.ToArray(), cancellationToken);
            return ($"已导入 {import.Rows} 行用量。", $"{import.Rows} rows of usage imported.");
        });

    public async Task<IActionResult> OnPostStatementAsync(string code, string? period, CancellationToken cancellationToken)
    {
        try
        {
            var view = await royalties.PrepareAsync(session.Actor, code, period, cancellationToken);
            return Redirect($"/trading/statements/{view.Statement.Number}");
        }
        catch (ReelRightsException e)
        {
            Flash(e);
            return Redirect($"/trading/licenses/{code}");
        }
    }

    private async Task<IActionResult> MoveAsync(string code, Func<Task<(string Zh, string En)>> move)
    {
        try
        {
            (TempData["rr-license-zh"], TempData["rr-license-en"]) = await move();
        }
        catch (ReelRightsException e)
        {
            Flash(e);
        }
        return Redirect($"/trading/licenses/{code}");
    }

    private void Flash(ReelRightsException e)
    {
        (TempData["rr-license-zh"], TempData["rr-license-en"], TempData["rr-license-error"]) = (e.MessageZh, e.MessageEn, true);
        if (e.Details is { } details)
        {
            // Each problem as "row N, column: message", kept as text so TempData can carry it.
            TempData["rr-license-details"] = string.Join('\n', details.Take(20).Select(d => System.Text.Json.JsonSerializer.Serialize(d)));
        }
    }
}
