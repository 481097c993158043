using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

public sealed class OrganizationModel(CurrentSession session, OrganizationService orgs, UserService users, InvitationService invitations) : PageModel
{
    public Organization Organization { get; private set; } = null!;
    public IReadOnlyList<User> Members { get; private set; } = [];
    public IReadOnlyList<Organization> AllOrganizations { get; private set; } = [];
    public bool CanManageUsers { get; private set; }
    public bool IsOperator { get; private set; }
    public string? InvitationUrl { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    private const string InvitationTempData = "rr-invitation-url";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        InvitationUrl = TempData[InvitationTempData] as string;
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostInviteAsync(Guid organizationId, string? email, bool isAdmin, CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            var issued = await invitations.InviteAsync(actor, organizationId, email, isAdmin, cancellationToken);
            TempData[InvitationTempData] = $"{Request.Scheme}://{Request.Host}/invite/{issued.Token}";
        }, cancellationToken);

    public Task<IActionResult> OnPostCreateOrganizationAsync(string? name, OrganizationKind kind, CancellationToken cancellationToken) =>
        RunAsync(actor => orgs.CreateAsync(actor, name ?? "", kind, cancellationToken), cancellationToken);

    /// <summary>Post/redirect/get on success, so a reload never repeats the action; the form again with the message on failure.</summary>
    private async Task<IActionResult> RunAsync(Func<Actor, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await action(session.Actor);
            return RedirectToPage();
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            Response.StatusCode = Api.Problems.StatusFor(e.Kind);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (actor, org, _) = await session.GetAsync();
        Organization = org;
        Members = await users.ListAsync(actor, org.Id, cancellationToken);
        CanManageUsers = actor.Has(Permissions.UsersManage);
        IsOperator = actor.Has(Permissions.OrgsAdmin);
        if (IsOperator)
        {
            AllOrganizations = await orgs.ListAsync(actor, cancellationToken);
        }
    }
}
