using System.Security.Claims;
using System.Text;
using ReelRights.Core;
using ReelRights.Core.Certificates;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Licensing;

/// <summary>
/// 版税结算: usage reported on a license (JSON rows, or the CSV file as the request body), the
/// monthly statements drawn from it, each side's confirmation, payments, and the statement as CSV
/// and PDF.
/// </summary>
internal static class RoyaltiesApi
{
    public static void MapRoyaltiesApi(this RouteGroupBuilder api)
    {
        var licenses = api.MapGroup("/licenses").WithTags("Royalties");
        licenses.MapPost("/{code}/usage", async (string code, UsageRequest body, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
        {
            var rows = (body.Rows ?? []).Select((r, i) => new UsageRow(i + 1, r.Period, r.Territory, r.Platform, r.Episode, r.Views, r.Revenue, r.Currency, r.FxRate)).ToList();
            return TypedResults.Created($"/api/licenses/{code}/usage", UsageImportDto.From(await s.ReportAsync(p.ToActor(), code, rows, ct)));
        }).WithSummary("被许可方报送用量（JSON 行；整体生效或整体拒绝）/ The licensee reports usage (JSON rows; applied whole or refused whole)");
        licenses.MapPost("/{code}/usage.csv", async (string code, HttpRequest request, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
        {
            var file = await ReadBodyAsync(request, RoyaltyService.MaxFileBytes, ct);
            var name = request.Headers["X-File-Name"].ToString();
            return TypedResults.Created($"/api/licenses/{code}/usage", UsageImportDto.From(await s.ImportCsvAsync(p.ToActor(), code, name.Length > 0 ? name : null, file, ct)));
        }).Accepts<string>("text/csv").WithSummary("被许可方上传用量 CSV（表头 period,territory,platform,episode,views,revenue,currency[,fx_rate]）/ The licensee uploads a usage CSV");
        licenses.MapGet("/{code}/usage", async (string code, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
            TypedResults.Ok((await s.UsageAsync(p.ToActor(), code, ct)).Select(UsageLineDto.From).ToList()))
            .WithSummary("生效的用量行（同一月份、地区、平台、分集以最新报送为准）/ Usage in force (the latest report of each month, territory, platform and episode)");
        licenses.MapGet("/{code}/statements", async (string code, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
            TypedResults.Ok((await s.StatementsAsync(p.ToActor(), code, ct)).Select(st => StatementDto.From(st, code.Trim().ToUpperInvariant())).ToList()))
            .WithSummary("许可的结算单 / A license's statements");
        licenses.MapPost("/{code}/statements", async (string code, StatementRequest body, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
            TypedResults.Ok(StatementDto.From(await s.PrepareAsync(p.ToActor(), code, body.Period, ct))))
            .WithSummary("生成或重算某月结算单（双方确认后不再变化）/ Draw or redraw a month's statement (fixed once both sides confirmed)");

        var statements = api.MapGroup("/statements").WithTags("Royalties");
        statements.MapGet("/{number}", async (string number, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
            TypedResults.Ok(StatementDto.From(await s.GetAsync(p.ToActor(), number, ct)))).WithSummary("结算单详情 / A statement");
        statements.MapPost("/{number}/confirm", async (string number, ConfirmStatementRequest body, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
            TypedResults.Ok(StatementDto.From(await s.ConfirmAsync(p.ToActor(), number, body.ContentSha256, ct))))
            .WithSummary("一方确认结算单（须给出所见内容的 SHA-256）/ One side confirms the statement (naming the SHA-256 of what it saw)");
        statements.MapPost("/{number}/payments", async (string number, PaymentRequest body, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
            TypedResults.Ok(StatementDto.From(await s.RecordPaymentAsync(p.ToActor(), number, body.AmountMinor, body.PaidOn, body.Reference, ct))))
            .WithSummary("登记付款（金额以分计，存证）/ Record a payment (amount in minor units; sealed)");
        statements.MapGet("/{number}/statement.csv", async (string number, ClaimsPrincipal p, RoyaltyService s, CancellationToken ct) =>
        {
            var view = await s.GetAsync(p.ToActor(), number, ct);
            return TypedResults.File(RoyaltyStatements.Csv(view), "text/csv; charset=utf-8", $"{view.Statement.Number}.csv");
        }).WithSummary("结算单 CSV / The statement as CSV");
        statements.MapGet("/{number}/statement.pdf", async (string number, ClaimsPrincipal p, RoyaltyService s, ChromiumPdfRenderer renderer, CancellationToken ct) =>
        {
            var view = await s.GetAsync(p.ToActor(), number, ct);
            return TypedResults.File(await renderer.RenderPdfAsync(RoyaltyStatementHtml.Render(view), ct), "application/pdf", $"{view.Statement.Number}.pdf");
        }).WithSummary("结算单 PDF / The statement as PDF");
    }

    /// <summary>The body, refused at once by its declared length and again if more bytes arrive than the limit.</summary>
    internal static async Task<byte[]> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        static ReelRightsException TooLarge(int limit) => new(ErrorKind.Validation, "payload-too-large",
            $"请求体超过 {limit / (1024 * 1024)} MiB 上限。", $"The request body exceeds the {limit / (1024 * 1024)} MiB limit.");
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
