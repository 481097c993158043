using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Notice;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Cases;

/// <summary>
/// 立案: cases from the hits selected in Monitoring. The page shows what would be opened (one case
/// per work, its hits and copied seconds), asks for the platform, and opens them; by default the
/// cases go out at once as one notice listing every work, however many there are.
/// </summary>
public sealed class CaseOpenModel(CurrentSession session, CaseService cases, NoticeSender sender) : PageModel
{
    public IReadOnlyList<Guid> HitIds { get; private set; } = [];
    public IReadOnlyList<HitGroup> Groups { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Platforms { get; private set; } = [];
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public IActionResult OnGet() => Redirect("/monitoring/alerts");

    /// <summary>From the alerts page's selection: what would be opened, and the platform form.</summary>
    public async Task<IActionResult> OnPostReviewAsync([FromForm(Name = "ids")] List<Guid>? ids, CancellationToken cancellationToken)
    {
        if (!CanOpen)
        {
            return Forbid();
        }
        return await ShowAsync(ids, null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "ids")] List<Guid>? ids, string? platform, string? platformName, string? platformEmail,
        bool sendNotice, CancellationToken cancellationToken)
    {
        if (!CanOpen)
        {
            return Forbid();
        }
        try
        {
            var party = Guid.TryParse(platform, out var id) ? new PlatformParty(id) : new PlatformParty(null, platformName, platformEmail);
            var opened = await cases.OpenFromHitsAsync(session.Actor, ids ?? [], party, null, cancellationToken);
            string zh = $"已立案 {opened.Count} 件（每部作品一件）。", en = $"Opened {opened.Count} case(s), one per work.";
            if (sendNotice)
            {
                try
                {
                    var batch = await sender.SendNoticeAsync(session.Actor, opened.Select(c => c.Id).ToList(), cancellationToken);
                    zh += $" 已向平台发送一份通知，涵盖全部 {batch.Moves.Count} 件，SHA-256 {batch.NoticeSha256[..12]}… 已存证。";
                    en += $" One notice covering all {batch.Moves.Count} was sent to the platform; SHA-256 {batch.NoticeSha256[..12]}… is sealed.";
                }
                catch (ReelRightsException e)
                {
                    // The cases stand; opening them again would make duplicates, so the list says what is left to do.
                    TempData[CasesIndexModel.FlashZh] = $"{zh} 通知未发送：{e.MessageZh} 请在列表中勾选后重新发送。";
                    TempData[CasesIndexModel.FlashEn] = $"{en} The notice was not sent: {e.MessageEn} Select them in the list and send again.";
                    TempData["rr-cases-flash-error"] = true;
                    return Redirect("/cases");
                }
            }
            var single = opened.Count == 1;
            TempData[single ? CaseDetailModel.FlashZh : CasesIndexModel.FlashZh] = zh;
            TempData[single ? CaseDetailModel.FlashEn : CasesIndexModel.FlashEn] = en;
            return Redirect(single ? $"/cases/{opened[0].Id}" : "/cases");
        }
        catch (ReelRightsException e)
        {
            Response.StatusCode = Api.Problems.StatusFor(e.Kind);
            return await ShowAsync(ids, e, cancellationToken);
        }
    }

    private bool CanOpen => session.Actor.Has(Permissions.CasesWrite) && session.Actor.OrganizationKind == OrganizationKind.RightsHolder;

    private async Task<IActionResult> ShowAsync(List<Guid>? ids, ReelRightsException? error, CancellationToken cancellationToken)
    {
        HitIds = (ids ?? []).Distinct().ToList();
        Groups = await cases.HitGroupsAsync(session.Actor, HitIds, cancellationToken);
        Platforms = await cases.PlatformsAsync(cancellationToken);
        if (error is null && Groups.Count == 0)
        {
            error = ReelRightsException.Invalid("none-selected", "请先在侵权线索中勾选要立案的线索。", "Select the alerts to act on first.");
        }
        ErrorZh = error?.MessageZh;
        ErrorEn = error?.MessageEn;
        return Page();
    }
}
