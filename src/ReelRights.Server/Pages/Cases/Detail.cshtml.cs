using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Cases;

/// <summary>
/// One case: its places and measures, the timeline with each step's receipt, the clocks as
/// countdowns, and a form for each move open to the visitor's role. Every form posts and redirects.
/// </summary>
public sealed class CaseDetailModel(CurrentSession session, CaseService cases, CaseMoves moves, ReelRights.Core.Cases.Mediation.MediationService mediation,
    ReelRights.Core.Evidence.EvidenceService evidence, TimeProvider time) : PageModel
{
    public const string FlashZh = "rr-case-flash-zh";
    public const string FlashEn = "rr-case-flash-en";

    public CaseDetail Detail { get; private set; } = null!;
    /// <summary>The mediation, once one was proposed.</summary>
    public ReelRights.Core.Cases.Mediation.MediationView? Mediation { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Mediators { get; private set; } = [];
    public DateTime Now { get; private set; }
    public string? FlashMessageZh { get; private set; }
    public string? FlashMessageEn { get; private set; }
    public bool FlashIsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.CasesRead))
        {
            return Forbid();
        }
        try
        {
            Detail = await cases.GetAsync(session.Actor, id, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        if (Detail.Case.MediatorOrganizationId is not null || Detail.Events.Any(e => e.Action == CaseAction.ProposeMediation))
        {
            Mediation = await mediation.ViewAsync(await mediation.PartyAsync(session.Actor, id, false, cancellationToken), cancellationToken);
            Mediators = await mediation.MediatorsAsync(cancellationToken);
        }
        Now = time.GetUtcNow().UtcDateTime;
        FlashMessageZh = TempData[FlashZh] as string;
        FlashMessageEn = TempData[FlashEn] as string;
        FlashIsError = TempData["rr-case-flash-error"] is true;
        return Page();
    }

    public async Task<IActionResult> OnPostActAsync(Guid id, CaseAction action, string? note, Dictionary<Guid, CaseMeasure>? measures, string? agreementSha256,
        CancellationToken cancellationToken)
    {
        try
        {
            var input = new MoveInput
            {
                Note = note,
                AgreementSha256 = agreementSha256,
                Measures = measures?.Select(m => new LocationMeasure(m.Key, m.Value, m.Value == CaseMeasure.Rejected ? note : null)).ToList(),
            };
            var result = await moves.ActAsync(session.Actor, id, action, input, cancellationToken);
            var state = CaseText.State(result.Case.State);
            var link = result.RespondentToken is { } token ? $"{Request.Scheme}://{Request.Host}/respond/{token}" : null;
            Flash($"已{CaseText.Action(action).Zh}，案件现为“{state.Zh}”。" + (link is null ? "" : $" 被投诉人链接（只显示一次）：{link}"),
                $"Done: {CaseText.Action(action).En}; the case is now {state.En}." + (link is null ? "" : $" Respondent link (shown once): {link}"), error: false);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (ReelRightsException e)
        {
            Flash(e.MessageZh, e.MessageEn, error: true);
        }
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostMessageAsync(Guid id, string? text, IFormFile? file, CancellationToken cancellationToken) =>
        MediateAsync(id, async party =>
        {
            await using var content = file?.OpenReadStream();
            await mediation.PostMessageAsync(party, text, content, file?.FileName, cancellationToken);
            return ("留言已发送。", "Message posted.");
        }, cancellationToken);

    public Task<IActionResult> OnPostProposeAsync(Guid id, decimal amount, string? currency, string? paymentSchedule, string? takedownScope,
        bool licenseInstead, string? licenseTerms, Guid? respondsTo, bool grantLicense, ReelRights.Server.Pages.Trading.TermsForm? terms,
        CancellationToken cancellationToken) =>
        MediateAsync(id, async party =>
        {
            if (grantLicense && !licenseInstead)
            {
                throw ReelRightsException.Invalid("license-instead-required", "授予正式许可须同时勾选“以许可代替下架”。", "Granting a license needs “license instead of takedown” ticked too.");
            }
            var input = new ReelRights.Core.Cases.Mediation.ProposalInput((long)Math.Round(amount * 100m), currency ?? "CNY", paymentSchedule ?? "", takedownScope ?? "",
                licenseInstead, licenseTerms, null, respondsTo, grantLicense ? (terms ?? new()).ToTerms() : null);
            var p = await mediation.ProposeAsync(party, input, cancellationToken);
            return ($"已提出第 {p.Sequence} 号方案。", $"Proposal {p.Sequence} made.");
        }, cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, Guid proposalId, CancellationToken cancellationToken) =>
        MediateAsync(id, async party =>
        {
            var p = await mediation.AcceptAsync(party, proposalId, cancellationToken);
            return ($"已接受第 {p.Sequence} 号方案。", $"Proposal {p.Sequence} accepted.");
        }, cancellationToken);

    public Task<IActionResult> OnPostChooseMediatorAsync(Guid id, Guid mediatorOrganizationId, CancellationToken cancellationToken) =>
        MediateAsync(id, async party => await mediation.ChooseMediatorAsync(party, mediatorOrganizationId, cancellationToken)
            ? ("双方选择一致，调解员已确定。", "Both sides chose the same mediator; it is assigned.")
            : ("已选择调解员，待对方确认。", "Mediator chosen; waiting for the other side."), cancellationToken);

    public Task<IActionResult> OnPostDraftAsync(Guid id, CancellationToken cancellationToken) =>
        MediateAsync(id, async party =>
        {
            await mediation.DraftAgreementAsync(party, cancellationToken);
            return ("和解协议已拟定，待双方签署。", "Agreement drafted; both parties sign next.");
        }, cancellationToken);

    public Task<IActionResult> OnPostSessionAsync(Guid id, DateTime localStart, int durationMinutes, string? onlineLink, string? place, CancellationToken cancellationToken) =>
        MediateAsync(id, async party =>
        {
            await mediation.ScheduleAsync(party, new ReelRights.Core.Cases.Mediation.SessionInput(localStart, durationMinutes, onlineLink, place), cancellationToken);
            return ("调解会议已安排。", "Session scheduled.");
        }, cancellationToken);

    /// <summary>A fresh capture of a place that still serves the copy after the measure.</summary>
    public async Task<IActionResult> OnPostCaptureAsync(Guid id, Guid hitId, CancellationToken cancellationToken)
    {
        try
        {
            var detail = await cases.GetAsync(session.Actor, id, cancellationToken);
            if (!detail.Locations.Any(l => l.HitId == hitId))
            {
                return NotFound();
            }
            await evidence.RequestAsync(session.Actor, hitId, cancellationToken);
            Flash("已开始重新取证，完成后可在侵权监测中下载证据包。", "A fresh capture has started; its bundle appears under Monitoring when sealed.", error: false);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (ReelRightsException e)
        {
            Flash(e.MessageZh, e.MessageEn, error: true);
        }
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> MediateAsync(Guid id, Func<ReelRights.Core.Cases.Mediation.CaseParty, Task<(string Zh, string En)>> act,
        CancellationToken cancellationToken)
    {
        try
        {
            var (zh, en) = await act(await mediation.PartyAsync(session.Actor, id, true, cancellationToken));
            Flash(zh, en, error: false);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (ReelRightsException e)
        {
            Flash(e.MessageZh, e.MessageEn, error: true);
        }
        return RedirectToPage(new { id });
    }

    private void Flash(string zh, string en, bool error)
    {
        TempData[FlashZh] = zh;
        TempData[FlashEn] = en;
        TempData["rr-case-flash-error"] = error;
    }

    /// <summary>"还剩 3 天 4 小时 / 3 d 4 h left", or how long ago it passed.</summary>
    public static (string Zh, string En) Countdown(DateTime due, DateTime now)
    {
        var left = due - now;
        var span = left.Duration();
        var zh = span.TotalDays >= 1 ? $"{(int)span.TotalDays} 天 {span.Hours} 小时" : $"{span.Hours} 小时 {span.Minutes} 分";
        var en = span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : $"{span.Hours} h {span.Minutes} min";
        return left >= TimeSpan.Zero ? ($"还剩 {zh}", $"{en} left") : ($"已过 {zh}", $"{en} ago");
    }
}
