using System.Security.Claims;
using System.Text;
using ReelRights.Core.Finance;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Finance;

/// <summary>
/// 估值: a work's declared valuation profile, a preview of its signals and approaches, reports that
/// are run, kept and sealed (their exact content JSON and PDF), and two reports compared.
/// </summary>
internal static class ValuationApi
{
    public static void MapValuationApi(this RouteGroupBuilder api)
    {
        var works = api.MapGroup("/works/{work}/valuation").WithTags("Valuation");
        works.MapGet("/profile", async (string work, ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
            TypedResults.Ok(ProfileDto.From(await s.ProfileAsync(p.ToActor(), work, ct))))
            .WithSummary("作品的估值申报信息（题材、制作成本、首次发表日期）/ A work's declared valuation profile (genres, production cost, first publication)");
        works.MapPut("/profile", async (string work, ProfileRequest body, ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
            TypedResults.Ok(ProfileDto.From(await s.SaveProfileAsync(p.ToActor(), work, new ProfileInput(body.Genres, body.ProductionCostMinor, body.ProductionCostCurrency,
                body.FirstPublishedOn), ct))))
            .WithSummary("保存估值申报信息（整体替换）/ Save the declared profile (replaced as a whole)");
        works.MapGet("/preview", async (string work, string? currency, decimal? discountRatePercent, int? horizonMonths, decimal? piracyDisplacementPercent,
                ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PreviewAsync(p.ToActor(), work, new ValuationRequest(currency, discountRatePercent, horizonMonths, piracyDisplacementPercent).ToParameters(), ct)))
            .WithSummary("估值信号与各方法的即时计算（不保存）/ The signals and approaches computed now (not kept)");
        works.MapPost("/reports", async (string work, ValuationRequest body, ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
        {
            var report = await s.RunAsync(p.ToActor(), work, body.ToParameters(), ct);
            return TypedResults.Created($"/api/valuations/{report.Number}", ValuationSummaryDto.From(report));
        }).WithSummary("生成估值报告（保存内容与 PDF，并上链存证）/ Run a valuation report (content and PDF kept, sealed on the ledger)");
        works.MapGet("/reports", async (string work, ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
            TypedResults.Ok((await s.ListAsync(p.ToActor(), work, ct)).Select(ValuationSummaryDto.From).ToList()))
            .WithSummary("作品的估值报告，最新在前 / A work's reports, newest first");

        var reports = api.MapGroup("/valuations").WithTags("Valuation");
        reports.MapGet("/{number}", async (string number, ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
            TypedResults.Ok(ValuationReportDto.From(await s.GetAsync(p.ToActor(), number, ct)))).WithSummary("估值报告 / A valuation report");
        reports.MapGet("/{number}/report.json", async (string number, ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
        {
            var view = await s.GetAsync(p.ToActor(), number, ct);
            return TypedResults.File(Encoding.UTF8.GetBytes(view.Report.ContentJson), "application/json", $"{view.Report.Number}.json");
        }).WithSummary("报告内容的原始 JSON（其 SHA-256 即上链的 contentSha256）/ The report's exact content JSON (its SHA-256 is the sealed contentSha256)");
        reports.MapGet("/{number}/report.pdf", async (string number, ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
            TypedResults.File(await s.PdfAsync(p.ToActor(), number, ct), "application/pdf", $"{number.Trim().ToUpperInvariant()}.pdf"))
            .WithSummary("上链存证的报告 PDF / The sealed report PDF");
        reports.MapGet("/{number}/compare/{other}", async (string number, string other, ClaimsPrincipal p, ValuationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.CompareAsync(p.ToActor(), number, other, ct)))
            .WithSummary("比较同一作品的两份报告 / Compare two reports of one work");
    }
}
