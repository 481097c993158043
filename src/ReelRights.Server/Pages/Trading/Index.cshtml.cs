using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Licensing;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Trading;

/// <summary>版权交易: the catalogue a buyer searches (and offers on), the organization's own listings, its deals and its licenses.</summary>
public sealed class TradingIndexModel(CurrentSession session, ListingService listings, DealService deals, LicenseService licenses) : PageModel
{
    public IReadOnlyList<CatalogueEntry> Catalogue { get; private set; } = [];
    public IReadOnlyList<CatalogueEntry> Mine { get; private set; } = [];
    public IReadOnlyList<LicenseDeal> Deals { get; private set; } = [];
    public IReadOnlyList<License> Licenses { get; private set; } = [];
    public LicenseService LicenseService => licenses;
    public Guid OrganizationId => session.Actor.OrganizationId;
    public bool CanList => session.Actor.OrganizationKind == OrganizationKind.RightsHolder && session.Actor.Has(Permissions.LicensingWrite);
    public bool CanOffer => session.Actor.OrganizationKind is OrganizationKind.Licensee or OrganizationKind.Platform && session.Actor.Has(Permissions.LicensingWrite);
    public string? Q { get; private set; }
    public string? Right { get; private set; }
    public string? FreeIn { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? q, string? right, string? freeIn, CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.LicensingRead))
        {
            return Forbid();
        }
        Q = q;
        Right = right;
        FreeIn = freeIn;
        ErrorZh = TempData["rr-trading-error-zh"] as string;
        ErrorEn = TempData["rr-trading-error-en"] as string;
        try
        {
            var parsed = string.IsNullOrWhiteSpace(right) ? (LicenseRight?)null : Enum.Parse<LicenseRight>(right, ignoreCase: true);
            Catalogue = (await listings.CatalogueAsync(session.Actor, new CatalogueQuery(Text: q, Right: parsed, FreeIn: string.IsNullOrWhiteSpace(freeIn) ? null : freeIn), cancellationToken))
                .Where(e => e.Listing.OrganizationId != session.Actor.OrganizationId).ToList();
        }
        catch (ReelRightsException e)
        {
            (ErrorZh, ErrorEn) = (e.MessageZh, e.MessageEn);
        }
        catch (ArgumentException)
        {
            (ErrorZh, ErrorEn) = ("未知的权利。", "Unknown right.");
        }
        Mine = await listings.MineAsync(session.Actor, cancellationToken);
        Deals = await deals.ListAsync(session.Actor, cancellationToken);
        Licenses = await licenses.ListAsync(session.Actor, cancellationToken);
        return Page();
    }

    /// <summary>A buyer offers the listing's own terms; the deal room opens on version 1.</summary>
    public async Task<IActionResult> OnPostOfferAsync(Guid listingId, string? note, CancellationToken cancellationToken)
    {
        try
        {
            var deal = await deals.OfferAsync(session.Actor, listingId, null, note, cancellationToken);
            return Redirect($"/trading/deals/{deal.Id}");
        }
        catch (ReelRightsException e)
        {
            TempData["rr-trading-error-zh"] = e.MessageZh;
            TempData["rr-trading-error-en"] = e.MessageEn;
            return Redirect("/trading");
        }
    }
}
