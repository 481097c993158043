using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Cases;

/// <summary>维权案件: the cases this organization is a party to, filtered by state and by deadlines coming up.</summary>
public sealed class CasesIndexModel(CurrentSession session, CaseService cases) : PageModel
{
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
        State = state;
        DueWithin = due;
        Platform = platform;
        Cases = await cases.ListAsync(session.Actor, state, due, 200, cancellationToken, platform);
        return Page();
    }
}
