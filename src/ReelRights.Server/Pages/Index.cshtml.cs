using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core.Accounts;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

public sealed class IndexModel(CurrentSession session) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string OrganizationName { get; private set; } = "";
    public OrganizationKind Kind { get; private set; }

    public async Task OnGetAsync()
    {
        var (_, org, user) = await session.GetAsync();
        DisplayName = user.DisplayName;
        OrganizationName = org.Name;
        Kind = org.Kind;
    }
}
