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

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostInviteAsync(Guid organizationId, string? email, bool isAdmin, CancellationToken cancellationToken)
    {
        await RunAsync(async actor =>
        {
            var issued = await invitations.InviteAsync(actor, organizationId, email, isAdmin, cancellationToken);
            InvitationUrl = $"{Request.Scheme}://{Request.Host}/invite/{issued.Token}";
        });
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostCreateOrganizationAsync(string? name, OrganizationKind kind, CancellationToken cancellationToken)
    {
        await RunAsync(actor => orgs.CreateAsync(actor, name ?? "", kind, cancellationToken));
        await LoadAsync(cancellationToken);
    }

    private async Task RunAsync(Func<Actor, Task> action)
    {
        try
        {
            await action(session.Actor);
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            Response.StatusCode = Api.Problems.StatusFor(e.Kind);
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
