using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

/// <summary>
/// The operator's queue of registrations held because they match another owner's earlier
/// registration: both sides' works and the matched seconds side by side, and a decision (seal
/// anyway, or reject) with a recorded reason.
/// </summary>
public sealed class ReviewModel(CurrentSession session, RegistrationService registrations, ReelRightsDbContext db) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<HeldRegistration> Held { get; private set; } = [];
    public string? Message { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.OrgsAdmin))
        {
            return Forbid();
        }
        Message = TempData["rr-review"] as string;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, bool approve, string? note, CancellationToken cancellationToken)
    {
        try
        {
            var decided = await registrations.DecideAsync(session.Actor, id, approve, note, cancellationToken);
            TempData["rr-review"] = decided.State == RegistrationState.Sealed ? "sealed" : "rejected";
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
        var held = await registrations.AwaitingReviewAsync(session.Actor, cancellationToken);
        var rows = new List<HeldRegistration>();
        foreach (var r in held)
        {
            var work = await db.Works.FindAsync([r.WorkId], cancellationToken);
            var owner = await db.Organizations.FindAsync([r.OrganizationId], cancellationToken);
            var conflicts = JsonSerializer.Deserialize<List<RegistrationConflict>>(r.Conflicts, Json) ?? [];
            var others = new Dictionary<Guid, string>();
            foreach (var orgId in conflicts.Select(c => c.OtherOrganizationId).Distinct())
            {
                others[orgId] = (await db.Organizations.FindAsync([orgId], cancellationToken))?.Name ?? orgId.ToString();
            }
            rows.Add(new HeldRegistration(r, work!, owner?.Name ?? "", conflicts.Where(c => !c.SameOwner).ToList(), others));
        }
        Held = rows;
    }
}

public sealed record HeldRegistration(Registration Registration, Work Work, string Owner, IReadOnlyList<RegistrationConflict> Conflicts,
    IReadOnlyDictionary<Guid, string> OtherOwners);
