using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Cases;

/// <summary>维权案件: the cases this organization is a party to, filtered by state and by deadlines coming up.</summary>
public sealed class CasesIndexModel(CurrentSession session, CaseService cases, ReelRights.Core.Cases.Notice.NoticeSender sender) : PageModel
{
    public const string FlashZh = "rr-cases-flash-zh";
    public const string FlashEn = "rr-cases-flash-en";

    public string? FlashMessageZh { get; private set; }
    public string? FlashMessageEn { get; private set; }
    public bool FlashIsError { get; private set; }

    /// <summary>The claimant's cases whose notice is not sent yet can be selected and sent as one notice.</summary>
    public bool CanSelect(EnforcementCase c) => c.State == CaseState.Open && c.Kind == CaseKind.Notice && c.ClaimantOrganizationId == session.Actor.OrganizationId
        && session.Actor.Has(Permissions.CasesWrite);

    public IReadOnlyList<EnforcementCase> Cases { get; private set; } = [];
    public CaseState? State { get; private set; }
    public int? DueWithin { get; private set; }
    public OrganizationKind OrganizationKind => session.Actor.OrganizationKind;
    public Guid OrganizationId => session.Actor.OrganizationId;

    public string? Platform { get; private set; }

    public async Task<IActionResult> OnGetAsync(CaseState? state, int? due, string? platform, CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.CasesRead))
        {
            return Forbid();
        }
        FlashMessageZh = TempData[FlashZh] as string;
        FlashMessageEn = TempData[FlashEn] as string;
        FlashIsError = TempData["rr-cases-flash-error"] is true;
        State = state;
        DueWithin = due;
        Platform = platform;
        Cases = await cases.ListAsync(session.Actor, state, due, 200, cancellationToken, platform);
        return Page();
    }

    /// <summary>Sends the selected cases (one platform) as one notice.</summary>
    public async Task<IActionResult> OnPostNoticeAsync([FromForm(Name = "ids")] List<Guid>? ids, CancellationToken cancellationToken)
    {
        try
        {
            var batch = await sender.SendNoticeAsync(session.Actor, ids ?? [], cancellationToken);
            TempData[FlashZh] = $"已发送一份通知，涵盖 {batch.Moves.Count} 件案件，SHA-256 {batch.NoticeSha256[..12]}… 已存证。";
            TempData[FlashEn] = $"One notice covering {batch.Moves.Count} case(s) was sent; SHA-256 {batch.NoticeSha256[..12]}… is sealed.";
        }
        catch (ReelRightsException e)
        {
            TempData[FlashZh] = e.MessageZh;
            TempData[FlashEn] = e.MessageEn;
            TempData["rr-cases-flash-error"] = true;
        }
        return Redirect("/cases");
    }
}
