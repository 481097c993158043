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
public sealed class CaseDetailModel(CurrentSession session, CaseService cases, CaseMoves moves, TimeProvider time) : PageModel
{
    private const string FlashZh = "rr-case-flash-zh";
    private const string FlashEn = "rr-case-flash-en";

    public CaseDetail Detail { get; private set; } = null!;
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
        Now = time.GetUtcNow().UtcDateTime;
        FlashMessageZh = TempData[FlashZh] as string;
        FlashMessageEn = TempData[FlashEn] as string;
        FlashIsError = TempData["rr-case-flash-error"] is true;
        return Page();
    }

    public async Task<IActionResult> OnPostActAsync(Guid id, CaseAction action, string? note, Dictionary<Guid, CaseMeasure>? measures,
        CancellationToken cancellationToken)
    {
        try
        {
            var input = new MoveInput
            {
                Note = note,
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
