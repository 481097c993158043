using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Licensing;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Trading;

/// <summary>挂牌授权: a rights holder offers rights in one of its registered works, in the public catalogue or by invitation.</summary>
public sealed class NewListingModel(CurrentSession session, WorkService works, ListingService listings) : PageModel
{
    public IReadOnlyList<Work> Works { get; private set; } = [];

    [BindProperty] public Guid WorkId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public ListingVisibility Visibility { get; set; } = ListingVisibility.Public;
    [BindProperty] public TermsForm Terms { get; set; } = new() { Rights = [LicenseRight.Streaming], Territories = "worldwide", Except = "CN" };
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.LicensingWrite))
        {
            return Forbid();
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow + LicensingClock.China);
        Terms.Start = today.AddDays(1);
        Terms.End = today.AddYears(1);
        Works = await works.ListAsync(session.Actor, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var tags = (Tags ?? "").Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await listings.CreateAsync(session.Actor, new NewListing(WorkId, Title, Terms.ToTerms(), Visibility, Description: Description, Tags: tags), cancellationToken);
            return Redirect("/trading");
        }
        catch (ReelRightsException e)
        {
            (ErrorZh, ErrorEn) = (e.MessageZh, e.MessageEn);
            Works = await works.ListAsync(session.Actor, cancellationToken);
            return Page();
        }
    }
}
