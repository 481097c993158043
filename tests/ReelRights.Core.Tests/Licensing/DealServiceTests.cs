using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Ledger;
using ReelRights.Core.Licensing;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Licensing;

/// <summary>
/// Deals on both databases: listing → offer → counter → accept → both sign → a license in force
/// with sealed signatures and grant; the exclusivity check (and the race of two accepts); and the
/// refusals, each a typed problem that changes nothing.
/// </summary>
public sealed class DealServiceTests
{
    private sealed record Parties(CoreEnvironment Env, Actor Owner, Actor Buyer, Actor Rival, Actor Stranger, Guid WorkId);

    private static async Task<Parties> PartiesAsync(string provider)
    {
        var env = await CoreEnvironment.CreateAsync(provider);
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, buyer) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var (_, rival) = await env.CreateOrgAsync("iQIYI 国际", OrganizationKind.Platform);
        var (_, stranger) = await env.CreateOrgAsync("别家影业", OrganizationKind.Licensee);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("霸道总裁的替身新娘", WorkType.MicroDrama), CancellationToken.None);
        return new Parties(env, owner, buyer, rival, stranger, work.Id);
    }

    private static LicenseTerms Terms(Exclusivity exclusivity, string territory = "southeast-asia", LicenseRight rights = LicenseRight.Dubbing | LicenseRight.Streaming) => new()
    {
        Rights = rights,
        Territories = [territory],
        Languages = ["th", "vi"],
        Start = new DateOnly(2027, 1, 1),
        End = new DateOnly(2027, 12, 31),
        Exclusivity = exclusivity,
        Price = new LicensePrice(PriceModel.MinimumGuaranteePlusShare, "USD", MinimumGuaranteeMinor: 20_000_00, SharePercent: 15),
    };

    private static async Task<T> InScopeAsync<T>(Parties p, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = p.Env.NewScope();
        return await act(scope.ServiceProvider);
    }

    private static Task<LicenseListing> ListAsync(Parties p, ListingVisibility visibility = ListingVisibility.Public, IReadOnlyList<Guid>? invited = null) =>
        InScopeAsync(p, s => s.GetRequiredService<ListingService>().CreateAsync(p.Owner,
            new NewListing(p.WorkId, "东南亚配音与播出权", Terms(Exclusivity.Exclusive), visibility, invited, Tags: ["Romance", "revenge"]), CancellationToken.None));

    private static Task<LicenseDeal> OfferAsync(Parties p, Actor buyer, Guid listing, LicenseTerms? terms = null) =>
        InScopeAsync(p, s => s.GetRequiredService<DealService>().OfferAsync(buyer, listing, terms, "首轮报价", CancellationToken.None));

    private static Task<LicenseDeal> AcceptAsync(Parties p, Actor actor, Guid deal, int version) =>
        InScopeAsync(p, s => s.GetRequiredService<DealService>().AcceptAsync(actor, deal, version, CancellationToken.None));

    private static Task<LicenseDeal> SignAsync(Parties p, Actor actor, Guid deal, string sha) =>
        InScopeAsync(p, s => s.GetRequiredService<DealSigning>().SignAsync(actor, deal, sha, CancellationToken.None));

    private static Task<DealView> ViewAsync(Parties p, Actor actor, Guid deal) =>
        InScopeAsync(p, s => s.GetRequiredService<DealService>().GetAsync(actor, deal, CancellationToken.None));

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ListingOfferCounterAcceptSign_MakesASealedLicenseInForce(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var listing = await ListAsync(p);
        var catalogue = await InScopeAsync(p, s => s.GetRequiredService<ListingService>().CatalogueAsync(p.Buyer, new CatalogueQuery(Tag: "romance", Territory: "TH"), CancellationToken.None));
        var deal = await OfferAsync(p, p.Buyer, listing.Id);
        var countered = await InScopeAsync(p, s => s.GetRequiredService<DealService>().CounterAsync(p.Owner, deal.Id,
            Terms(Exclusivity.Exclusive) with { Price = new LicensePrice(PriceModel.MinimumGuaranteePlusShare, "USD", MinimumGuaranteeMinor: 25_000_00, SharePercent: 15) },
            "保底提高到 25,000", CancellationToken.None));
        var ownAccept = await Should.ThrowAsync<ReelRightsException>(() => AcceptAsync(p, p.Owner, deal.Id, 2));
        var staleAccept = await Should.ThrowAsync<ReelRightsException>(() => AcceptAsync(p, p.Buyer, deal.Id, 1));
        await AcceptAsync(p, p.Buyer, deal.Id, 2);
        var awaiting = await ViewAsync(p, p.Owner, deal.Id);
        var sha = awaiting.Deal.ContractPdfSha256.ShouldNotBeNull();
        var forged = await Should.ThrowAsync<ReelRightsException>(() => SignAsync(p, p.Owner, deal.Id, new string('0', 64)));
        await SignAsync(p, p.Owner, deal.Id, sha);
        var twice = await Should.ThrowAsync<ReelRightsException>(() => SignAsync(p, p.Owner, deal.Id, sha));
        await SignAsync(p, p.Buyer, deal.Id, sha);
        var signed = await ViewAsync(p, p.Buyer, deal.Id);
        var license = await InScopeAsync(p, s => s.GetRequiredService<LicenseService>().PublicAsync(signed.License!.Code, CancellationToken.None));

        catalogue.Select(e => e.Listing.Id).ShouldBe([listing.Id]);
        countered.LatestVersion.ShouldBe(2);
        ownAccept.Code.ShouldBe("own-offer");
        staleAccept.Code.ShouldBe("deal-changed");
        forged.Code.ShouldBe("contract-changed");
        twice.Code.ShouldBe("already-signed");
        signed.Deal.State.ShouldBe(DealState.Signed);
        signed.Versions.Select(v => v.Note).ShouldBe(["首轮报价", "保底提高到 25,000"]);
        signed.Signatures.Count.ShouldBe(2);
        signed.Signatures.ShouldAllBe(s => s.LedgerIndex != null && s.PdfSha256 == sha);
        license.Standing.ShouldBe(LicenseStanding.NotYetStarted);
        license.Terms.Price.MinimumGuaranteeMinor.ShouldBe(25_000_00);
        license.LicenseeName.ShouldBe("Viu 东南亚");
        var granted = license.Events.ShouldHaveSingleItem();
        granted.Kind.ShouldBe(LicenseEventKind.Granted);
        var entry = (await p.Env.Get<LedgerReader>().EntryAsync(granted.LedgerIndex!.Value, CancellationToken.None)).ShouldNotBeNull();
        var leaf = Encoding.UTF8.GetString(entry.Data);
        leaf.ShouldContain(license.License.Code);
        leaf.ShouldContain("southeast-asia");
        leaf.ShouldContain(sha);
        // Receipts are public; the price is not in the leaf, only the digest of the full terms.
        leaf.ShouldNotContain("2500000");
        leaf.ShouldContain("termsSha256");
        var contract = Encoding.UTF8.GetString(await p.Env.Get<LicenseContracts>().ReadAsync(signed.Deal.ContractHtmlSha256!, CancellationToken.None));
        contract.ShouldContain("USD 25,000.00");
        contract.ShouldContain("独占许可");
        contract.ShouldContain(license.License.Code);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OverlappingExclusive_IsRefusedNamingTheLicense_WhileAnotherTerritoryIsGranted(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var listing = await ListAsync(p);
        var first = await OfferAsync(p, p.Buyer, listing.Id);
        await AcceptAsync(p, p.Owner, first.Id, 1);
        var reserved = (await ViewAsync(p, p.Owner, first.Id)).License!.Code;
        var overlapping = await OfferAsync(p, p.Rival, listing.Id, Terms(Exclusivity.NonExclusive, "TH", LicenseRight.Dubbing));
        var elsewhere = await OfferAsync(p, p.Rival, listing.Id, Terms(Exclusivity.Exclusive, "north-america"));
        var clips = await OfferAsync(p, p.Rival, listing.Id, Terms(Exclusivity.Exclusive, "TH", LicenseRight.Clips));

        var refused = await Should.ThrowAsync<ReelRightsException>(() => AcceptAsync(p, p.Owner, overlapping.Id, 1));
        await AcceptAsync(p, p.Owner, elsewhere.Id, 1);
        await AcceptAsync(p, p.Owner, clips.Id, 1);

        refused.Code.ShouldBe("exclusivity-conflict");
        refused.MessageEn.ShouldContain(reserved);
        refused.MessageEn.ShouldContain("dubbing");
        refused.MessageEn.ShouldContain("TH");
        refused.MessageEn.ShouldContain("2027-01-01 to 2027-12-31");
        (await ViewAsync(p, p.Rival, overlapping.Id)).Deal.State.ShouldBe(DealState.Negotiating);
        // Withdrawing the first deal releases its reservation: the overlapping offer is accepted now.
        await InScopeAsync(p, s => s.GetRequiredService<DealService>().WithdrawAsync(p.Buyer, first.Id, null, CancellationToken.None));
        await AcceptAsync(p, p.Owner, overlapping.Id, 1);
        (await ViewAsync(p, p.Rival, overlapping.Id)).Deal.State.ShouldBe(DealState.AwaitingSignatures);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TwoOverlappingExclusives_AcceptedAtOnce_ExactlyOneWins(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var listing = await ListAsync(p);
        for (var round = 0; round < 4; round++)
        {
            var year = 2030 + round;
            var terms = Terms(Exclusivity.Exclusive) with { Start = new DateOnly(year, 1, 1), End = new DateOnly(year, 12, 31) };
            var a = await OfferAsync(p, p.Buyer, listing.Id, terms);
            var b = await OfferAsync(p, p.Rival, listing.Id, terms with { Territories = ["VN"] });

            var outcomes = await Task.WhenAll(new[] { a, b }.Select(async d =>
            {
                try
                {
                    await AcceptAsync(p, p.Owner, d.Id, 1);
                    return "won";
                }
                catch (ReelRightsException e)
                {
                    return e.Code;
                }
            }));

            outcomes.Count(o => o == "won").ShouldBe(1, string.Join(", ", outcomes));
            outcomes.Count(o => o == "exclusivity-conflict").ShouldBe(1, string.Join(", ", outcomes));
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Isolation_StrangersSeeNeitherDealsNorInvitedListings(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var invited = await ListAsync(p, ListingVisibility.Invited, [p.Buyer.OrganizationId]);
        var deal = await OfferAsync(p, p.Buyer, invited.Id);

        var strangerCatalogue = await InScopeAsync(p, s => s.GetRequiredService<ListingService>().CatalogueAsync(p.Stranger, new CatalogueQuery(), CancellationToken.None));
        var buyerCatalogue = await InScopeAsync(p, s => s.GetRequiredService<ListingService>().CatalogueAsync(p.Buyer, new CatalogueQuery(), CancellationToken.None));
        var strangerOffer = await Should.ThrowAsync<ReelRightsException>(() => OfferAsync(p, p.Stranger, invited.Id));
        var strangerDeal = await Should.ThrowAsync<ReelRightsException>(() => ViewAsync(p, p.Stranger, deal.Id));
        var strangerAccept = await Should.ThrowAsync<ReelRightsException>(() => AcceptAsync(p, p.Stranger, deal.Id, 1));
        var ownerOffers = await Should.ThrowAsync<ReelRightsException>(() => OfferAsync(p, p.Owner, invited.Id));
        var notOwner = await Should.ThrowAsync<ReelRightsException>(() => InScopeAsync(p, s => s.GetRequiredService<ListingService>().CreateAsync(p.Buyer,
            new NewListing(p.WorkId, "x", Terms(Exclusivity.Sole)), CancellationToken.None)));
        var strangerDeals = await InScopeAsync(p, s => s.GetRequiredService<DealService>().ListAsync(p.Stranger, CancellationToken.None));

        strangerCatalogue.ShouldBeEmpty();
        buyerCatalogue.Select(e => e.Listing.Id).ShouldBe([invited.Id]);
        strangerOffer.Kind.ShouldBe(ErrorKind.NotFound);
        strangerDeal.Kind.ShouldBe(ErrorKind.NotFound);
        strangerAccept.Kind.ShouldBe(ErrorKind.NotFound);
        ownerOffers.Kind.ShouldBe(ErrorKind.Forbidden);
        notOwner.Kind.ShouldBe(ErrorKind.Forbidden);
        strangerDeals.ShouldBeEmpty();
    }
}
