using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

/// <summary>
/// 投诉入口: the public complaint entry a platform links from its own site (the "prominent
/// complaint entry" Hangzhou Internet Court asks platforms for). Anyone sees how a complaint is
/// made and what it needs; a signed-in rights holder files it here against that platform, as a
/// case with the work and the places, and goes on to send the notice.
/// </summary>
public sealed class ComplaintModel(CurrentSession session, CaseService cases, WorkService works) : PageModel
{
    public Guid? PlatformId { get; private set; }
    public string? PlatformName { get; private set; }
    public bool CanFile { get; private set; }
    public IReadOnlyList<Work> Works { get; private set; } = [];
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? platform, CancellationToken cancellationToken)
    {
        await LoadAsync(platform, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? platform, Guid workId, string? urls, string? platformName, string? platformEmail, CancellationToken cancellationToken)
    {
        await LoadAsync(platform, cancellationToken);
        if (!CanFile)
        {
            return Forbid();
        }
        try
        {
            var places = (urls ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new ManualLocation(u)).ToList();
            var party = PlatformName is not null ? new PlatformParty(PlatformId) : new PlatformParty(null, platformName, platformEmail);
            var opened = await cases.OpenManualAsync(session.Actor, workId, party, null, places, cancellationToken);
            return Redirect($"/cases/{opened.Id}");
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            return Page();
        }
    }

    private async Task LoadAsync(Guid? platform, CancellationToken cancellationToken)
    {
        PlatformId = platform;
        PlatformName = platform is { } id ? await cases.PlatformNameAsync(id, cancellationToken) : null;
        CanFile = session.IsSignedIn && session.Actor.Has(Permissions.CasesWrite) && session.Actor.OrganizationKind == OrganizationKind.RightsHolder;
        if (CanFile)
        {
            Works = await works.ListAsync(session.Actor, cancellationToken);
        }
    }
}
