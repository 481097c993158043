using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

public sealed class ApiKeysModel(CurrentSession session, ApiKeyService keys) : PageModel
{
    private const string NewKeyTempData = "rr-new-key";

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    public IReadOnlyList<string> Grantable { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.KeysManage))
        {
            return Forbid();
        }
        NewSecret = TempData[NewKeyTempData] as string;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, string[]? permissions, CancellationToken cancellationToken)
    {
        try
        {
            // Post/redirect/get: reloading the page must not create a second key. The secret
            // rides once in TempData (an encrypted cookie, deleted when read).
            TempData[NewKeyTempData] = (await keys.CreateAsync(session.Actor, name ?? "", permissions ?? [], cancellationToken)).Secret;
            return RedirectToPage();
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            Response.StatusCode = Api.Problems.StatusFor(e.Kind);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await keys.RevokeAsync(session.Actor, id, cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = session.Actor;
        Keys = actor.Has(Permissions.KeysManage) ? await keys.ListAsync(actor, cancellationToken) : [];
        Grantable = Permissions.All.Where(actor.Has).ToList();
    }
}
