using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;

namespace ReelRights.Server.Pages;

/// <summary>Accepting an invitation, including the first-run setup link for the operator.</summary>
public sealed class InviteModel(InvitationService invitations, UserService users, ReelRightsDbContext db) : PageModel
{
    public Invitation? Invitation { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public string? Email { get; private set; }
    public string? DisplayName { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? email, string? displayName, string? password, CancellationToken cancellationToken)
    {
        Email = email;
        DisplayName = displayName;
        try
        {
            var user = await invitations.AcceptAsync(token, email ?? "", displayName ?? "", password ?? "", cancellationToken);
            await SignInModel.SignInCookieAsync(HttpContext, users, user, cancellationToken);
            return LocalRedirect("/");
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            await LoadAsync(token, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        Invitation = await invitations.FindOpenAsync(token, cancellationToken);
        if (Invitation is not null)
        {
            OrganizationName = await db.Organizations.Where(o => o.Id == Invitation.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        }
    }
}
