using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReelRights.Core;
using ReelRights.Core.Licensing;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Licensing;

/// <summary>
/// 版权交易: /api/listings (the catalogue and a rights holder's listings, offers on a listing),
/// /api/deals (counter, accept, sign, withdraw, the contract), /api/licenses (a side's licenses;
/// <c>/api/licenses/{code}/public</c> is the check anyone can make, no account needed).
/// </summary>
internal static class LicensingApi
{
    public static void MapLicensingApi(this RouteGroupBuilder api)
    {
        var listings = api.MapGroup("/listings").WithTags("Licensing");
        listings.MapPost("/", async (NewListingRequest body, ClaimsPrincipal p, ListingService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            var listing = await s.CreateAsync(actor, new NewListing(body.WorkId, body.Title, Terms(body.Terms), body.Visibility, body.Invited, body.Description, body.Tags), ct);
            return TypedResults.Created($"/api/listings/{listing.Id}", ListingDto.From(await s.GetAsync(actor, listing.Id, ct)));
        }).WithSummary("权利人挂牌 / A rights holder lists rights in a work");
        listings.MapGet("/", async (ClaimsPrincipal p, ListingService s, CancellationToken ct, string? q, string? tag, string? right, string? territory,
                string? freeIn, string? language, int? minEpisodes, long? maxPriceMinor, int limit = 100) =>
            TypedResults.Ok((await s.CatalogueAsync(p.ToActor(), new CatalogueQuery(q, tag, Right(right), territory, freeIn, language, minEpisodes, maxPriceMinor, limit), ct))
                .Select(ListingDto.From).ToList()))
            .WithSummary("版权目录（公开及受邀的挂牌）/ The catalogue: public listings and those you are invited to");
        listings.MapGet("/mine", async (ClaimsPrincipal p, ListingService s, CancellationToken ct) =>
            TypedResults.Ok((await s.MineAsync(p.ToActor(), ct)).Select(ListingDto.From).ToList())).WithSummary("本组织的挂牌 / This organization's listings");
        listings.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal p, ListingService s, CancellationToken ct) =>
            TypedResults.Ok(ListingDto.From(await s.GetAsync(p.ToActor(), id, ct)))).WithSummary("挂牌详情 / A listing");
        listings.MapPost("/{id:guid}/withdraw", async (Guid id, ClaimsPrincipal p, ListingService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            await s.WithdrawAsync(actor, id, ct);
            return TypedResults.Ok(ListingDto.From(await s.GetAsync(actor, id, ct)));
        }).WithSummary("撤下挂牌 / Withdraw a listing");
        listings.MapPost("/{id:guid}/offers", async (Guid id, OfferRequest? body, ClaimsPrincipal p, DealService deals, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            var deal = await deals.OfferAsync(actor, id, body?.Terms is { } t ? Terms(t) : null, body?.Note, ct);
            return TypedResults.Created($"/api/deals/{deal.Id}", DealDto.From(await deals.GetAsync(actor, deal.Id, ct)));
        }).WithSummary("被许可方或平台报价（不填条款即按挂牌条款）/ A licensee or platform makes an offer (the listing's terms when none given)");

        var deals = api.MapGroup("/deals").WithTags("Licensing");
        deals.MapGet("/", async (ClaimsPrincipal p, DealService s, CancellationToken ct) =>
            TypedResults.Ok((await s.ListAsync(p.ToActor(), ct)).Select(DealSummaryDto.From).ToList())).WithSummary("本组织参与的交易 / Deals this organization is a side of");
        deals.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal p, DealService s, CancellationToken ct) =>
            TypedResults.Ok(DealDto.From(await s.GetAsync(p.ToActor(), id, ct)))).WithSummary("交易：各版条款、合同、签名、许可 / A deal: every version, the contract, signatures, the license");
        deals.MapPost("/{id:guid}/counter", async (Guid id, CounterRequest body, ClaimsPrincipal p, DealService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            await s.CounterAsync(actor, id, Terms(body.Terms), body.Note, ct);
            return TypedResults.Ok(DealDto.From(await s.GetAsync(actor, id, ct)));
        }).WithSummary("还价 / Counter-offer");
        deals.MapPost("/{id:guid}/accept", async (Guid id, AcceptRequest body, ClaimsPrincipal p, DealService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            await s.AcceptAsync(actor, id, body.Version, ct);
            return TypedResults.Ok(DealDto.From(await s.GetAsync(actor, id, ct)));
        }).WithSummary("接受最新一版条款（先查独占冲突）/ Accept the latest version (after the exclusivity check)");
        deals.MapPost("/{id:guid}/sign", async (Guid id, SignRequest body, ClaimsPrincipal p, DealSigning signing, DealService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            await signing.SignAsync(actor, id, body.ContractSha256, ct);
            return TypedResults.Ok(DealDto.From(await s.GetAsync(actor, id, ct)));
        }).WithSummary("签署合同 PDF（contractSha256）/ Sign the contract PDF (contractSha256)");
        deals.MapPost("/{id:guid}/withdraw", async (Guid id, NoteRequest? body, ClaimsPrincipal p, DealService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            await s.WithdrawAsync(actor, id, body?.Note, ct);
            return TypedResults.Ok(DealDto.From(await s.GetAsync(actor, id, ct)));
        }).WithSummary("撤回交易 / Withdraw the deal");
        deals.MapGet("/{id:guid}/contract.pdf", async (Guid id, ClaimsPrincipal p, DealService s, LicenseContracts c, CancellationToken ct) =>
            TypedResults.File(await ContractAsync(id, p, s, c, pdf: true, ct), "application/pdf", $"contract-{id}.pdf")).WithSummary("合同 PDF / The contract PDF");
        deals.MapGet("/{id:guid}/contract.html", async (Guid id, ClaimsPrincipal p, DealService s, LicenseContracts c, CancellationToken ct) =>
            TypedResults.Bytes(await ContractAsync(id, p, s, c, pdf: false, ct), "text/html; charset=utf-8")).WithSummary("合同 HTML / The contract HTML");

        var licenses = api.MapGroup("/licenses").WithTags("Licensing");
        licenses.MapGet("/", async (ClaimsPrincipal p, LicenseService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            var views = new List<LicenseDto>();
            foreach (var license in await s.ListAsync(actor, ct))
            {
                views.Add(LicenseDto.From(await s.GetAsync(actor, license.Code, ct), withPrice: true));
            }
            return TypedResults.Ok(views);
        }).WithSummary("本组织授出或获得的许可 / Licenses this organization granted or holds");
        licenses.MapGet("/{code}", async (string code, ClaimsPrincipal p, LicenseService s, CancellationToken ct) =>
            TypedResults.Ok(LicenseDto.From(await s.GetAsync(p.ToActor(), code, ct), withPrice: true))).WithSummary("许可详情与历史 / A license and its history");
        licenses.MapGet("/{code}/channels", async (string code, ClaimsPrincipal p, LicenseChanges c, CancellationToken ct) =>
            TypedResults.Ok((await c.ChannelsAsync(p.ToActor(), code, ct)).Select(LicenseChannelDto.From).ToList()))
            .WithSummary("被许可方声明的渠道 / The channels the licensee declared");
        licenses.MapPost("/{code}/channels", async (string code, LicenseChannelRequest body, ClaimsPrincipal p, LicenseChanges c, CancellationToken ct) =>
            TypedResults.Created($"/api/licenses/{code}/channels", LicenseChannelDto.From(await c.DeclareChannelAsync(p.ToActor(), code, body.PlatformOrganizationId, body.UrlPrefix, ct))))
            .WithSummary("被许可方声明渠道（平台或网址前缀），监测与筛查据此识别已授权副本 / The licensee declares a channel (platform or URL prefix); monitoring and screening judge copies there by the license");
        licenses.MapDelete("/{code}/channels/{channelId:guid}", async (string code, Guid channelId, ClaimsPrincipal p, LicenseChanges c, CancellationToken ct) =>
        {
            await c.RemoveChannelAsync(p.ToActor(), code, channelId, ct);
            return TypedResults.NoContent();
        }).WithSummary("删除渠道 / Remove a channel");
        licenses.MapPost("/{code}/terminate", async (string code, NoteRequest body, ClaimsPrincipal p, LicenseChanges c, LicenseService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            await c.TerminateAsync(actor, code, body.Note, ct);
            return TypedResults.Ok(LicenseDto.From(await s.GetAsync(actor, code, ct), withPrice: true));
        }).WithSummary("提前终止许可（须说明理由，存证）/ Terminate a license early (with the reason; sealed)");
        licenses.MapGet("/{code}/public", async (string code, LicenseService s, CancellationToken ct) =>
            TypedResults.Ok(LicenseDto.From(await s.PublicAsync(code, ct), withPrice: false)))
            .AllowAnonymous().WithSummary("公开核验：谁、何种权利、何地、至何时（不含价格）/ Public check: who holds what, where, until when (no price)");
    }

    private static LicenseRight? Right(string? name) => name is null ? null
        : Enum.GetValues<LicenseRight>().Where(r => r != LicenseRight.None)
            .FirstOrDefault(r => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(r.ToString()) == name.Trim().ToLowerInvariant()) is var r && r != LicenseRight.None
            ? r
            : throw ReelRightsException.Invalid("unknown-right", $"未知的权利：{name}。", $"Unknown right: {name}.");

    private static LicenseTerms Terms(TermsDto? dto) =>
        (dto ?? throw ReelRightsException.Invalid("terms-required", "请给出许可条款。", "Give the license terms.")).ToTerms();

    private static async Task<byte[]> ContractAsync(Guid id, ClaimsPrincipal p, DealService s, LicenseContracts c, bool pdf, CancellationToken ct)
    {
        var view = await s.GetAsync(p.ToActor(), id, ct);
        var sha = (pdf ? view.Deal.ContractPdfSha256 : view.Deal.ContractHtmlSha256)
            ?? throw new ReelRightsException(ErrorKind.NotFound, "no-contract", "合同尚未生成。", "The contract has not been drawn yet.");
        return await c.ReadAsync(sha, ct);
    }
}
