using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReelRights.Core;
using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Notice;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Cases;

/// <summary>
/// /api/cases: 维权 cases for their parties, moves as <c>POST /api/cases/{id}/actions/{action}</c>
/// (kebab-case action names, e.g. <c>send-notice</c>, <c>record-measure</c>); /api/respond/{token}
/// is the respondent's one-time link, no account needed.
/// </summary>
internal static class CasesApi
{
    private static readonly Dictionary<string, CaseAction> ActionNames =
        Enum.GetValues<CaseAction>().ToDictionary(a => JsonNamingPolicy.KebabCaseLower.ConvertName(a.ToString()), StringComparer.Ordinal);

    private static readonly CaseState[] OpenForPlatform = [CaseState.NoticeSent, CaseState.CounterNoticeSubmitted, CaseState.MeasuresToBeLifted];

    public static void MapCasesApi(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("/", OpenAsync).WithSummary("立案：从侵权线索或手工填写 / Open cases from hits (one per work) or by hand");
        cases.MapGet("/", ListAsync).WithSummary("本组织参与的案件 / Cases this organization is a party to");
        cases.MapPost("/notices", SendNoticeAsync).WithSummary("一份通知涵盖同一平台的多件案件（多部作品）/ Send one notice covering several cases (works) on one platform");
        cases.MapGet("/notices", NoticesAsync).WithSummary("平台待处理的通知（status=open）/ Notices awaiting this platform (status=open)");
        cases.MapGet("/{id:guid}", GetAsync).WithSummary("案件详情、时间线、期限与可执行操作 / Case, timeline, clocks and the moves open to the caller");
        cases.MapGet("/{id:guid}/notice", NoticeAsync).WithSummary("已发送的通知书（HTML，其 SHA-256 已存证）/ The notice as sent (HTML; its SHA-256 is sealed)");
        cases.MapGet("/{id:guid}/notice.pdf", NoticePdfAsync).WithSummary("通知书 PDF（由已存证的 HTML 打印）/ The notice as PDF, printed from the sealed HTML");
        cases.MapPost("/{id:guid}/actions/{action}", ActAsync).WithSummary("执行一步操作 / Make a move (send-notice, record-measure, forward-counter-notice …)");
        cases.MapPost("/{id:guid}/mediator", AssignMediatorAsync).WithSummary("运营方指派调解员 / The operator assigns a mediator");
        cases.MapPost("/disputes", OpenDisputeAsync).WithSummary("平台代上传者对筛查结论申诉 / A platform disputes a screening claim for its uploader");
        cases.MapPut("/policy", SetPolicyAsync).WithSummary("平台设置转送声明后的合理期限 / A platform sets its reasonable period");

        var respond = app.MapGroup("/api/respond").AllowAnonymous().WithTags("Cases");
        respond.MapGet("/{token}", RespondentViewAsync).WithSummary("被投诉人通过一次性链接查看案件 / The respondent's view through its one-time link");
        respond.MapPost("/{token}/actions/{action}", RespondentActAsync).WithSummary("被投诉人提交不侵权声明等 / The respondent's move (submit-counter-notice, propose-mediation)");
    }

    private static async Task<Created<List<CaseSummaryDto>>> OpenAsync(OpenCaseRequest body, ClaimsPrincipal principal, CaseService service, NoticeSender sender,
        CancellationToken ct)
    {
        var actor = principal.ToActor();
        IReadOnlyList<EnforcementCase> opened;
        if (body.HitIds is { Count: > 0 } hits)
        {
            opened = await service.OpenFromHitsAsync(actor, hits, body.Platform, body.Respondent, ct);
        }
        else if (body.WorkId is { } work)
        {
            opened = [await service.OpenManualAsync(actor, work, body.Platform, body.Respondent, body.Locations ?? [], ct)];
        }
        else
        {
            throw ReelRightsException.Invalid("hits-or-work-required", "请提供 hitIds，或 workId 与 locations。", "Give hitIds, or workId with locations.");
        }
        if (body.SendNotice)
        {
            var batch = await sender.SendNoticeAsync(actor, opened.Select(c => c.Id).ToList(), ct);
            opened = batch.Moves.Select(m => m.Case).ToList();
        }
        return TypedResults.Created("/api/cases", opened.Select(CaseSummaryDto.From).ToList());
    }

    private static async Task<Ok<NoticeBatchDto>> SendNoticeAsync(SendNoticeRequest body, HttpRequest request, ClaimsPrincipal principal, NoticeSender sender,
        CancellationToken ct)
    {
        var batch = await sender.SendNoticeAsync(principal.ToActor(), body.CaseIds ?? [], ct);
        return TypedResults.Ok(new NoticeBatchDto(batch.NoticeSha256, batch.Moves.Select(m => Result(m, request)).ToList()));
    }

    private static async Task<Ok<List<CaseSummaryDto>>> ListAsync(ClaimsPrincipal principal, CaseService service, CancellationToken ct,
        CaseState? state = null, int? dueWithinDays = null, int limit = 100, string? platform = null) =>
        TypedResults.Ok((await service.ListAsync(principal.ToActor(), state, dueWithinDays, limit, ct, platform)).Select(CaseSummaryDto.From).ToList());

    private static async Task<Ok<List<CaseSummaryDto>>> NoticesAsync(ClaimsPrincipal principal, CaseService service, CancellationToken ct, string status = "open")
    {
        var actor = principal.ToActor();
        var all = await service.ListAsync(actor, null, null, 500, ct);
        var mine = all.Where(c => c.PlatformOrganizationId == actor.OrganizationId);
        return TypedResults.Ok((status == "all" ? mine : mine.Where(c => OpenForPlatform.Contains(c.State))).Select(CaseSummaryDto.From).ToList());
    }

    private static async Task<Ok<CaseDetailDto>> GetAsync(Guid id, ClaimsPrincipal principal, CaseService service, CancellationToken ct) =>
        TypedResults.Ok(CaseDetailDto.From(await service.GetAsync(principal.ToActor(), id, ct)));

    private static async Task<IResult> NoticeAsync(Guid id, ClaimsPrincipal principal, CaseService service, CaseNotices notices, CancellationToken ct)
    {
        var html = await SentNoticeAsync(id, principal, service, notices, ct);
        return TypedResults.Bytes(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> NoticePdfAsync(Guid id, ClaimsPrincipal principal, CaseService service, CaseNotices notices,
        ReelRights.Core.Certificates.ChromiumPdfRenderer renderer, CancellationToken ct)
    {
        var html = await SentNoticeAsync(id, principal, service, notices, ct);
        var pdf = await renderer.RenderPdfAsync(System.Text.Encoding.UTF8.GetString(html), ct);
        return TypedResults.File(pdf, "application/pdf", $"notice-{id}.pdf");
    }

    private static async Task<byte[]> SentNoticeAsync(Guid id, ClaimsPrincipal principal, CaseService service, CaseNotices notices, CancellationToken ct)
    {
        var detail = await service.GetAsync(principal.ToActor(), id, ct);
        return await notices.ReadAsync(detail.Case, ct)
            ?? throw new ReelRightsException(ErrorKind.NotFound, "notice-not-sent", "该案件尚未发送通知。", "No notice has been sent in this case yet.");
    }

    private static async Task<Ok<MoveResultDto>> ActAsync(Guid id, string action, MoveRequest? body, HttpRequest request, ClaimsPrincipal principal,
        CaseMoves moves, CancellationToken ct)
    {
        var result = await moves.ActAsync(principal.ToActor(), id, ParseAction(action), (body ?? new MoveRequest()).ToInput(), ct);
        return TypedResults.Ok(Result(result, request));
    }

    private static async Task<NoContent> AssignMediatorAsync(Guid id, AssignMediatorRequest body, ClaimsPrincipal principal, CaseMoves moves, CancellationToken ct)
    {
        await moves.AssignMediatorAsync(principal.ToActor(), id, body.MediatorOrganizationId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<CaseSummaryDto>> OpenDisputeAsync(OpenDisputeRequest body, ClaimsPrincipal principal, CaseService service, CancellationToken ct)
    {
        var opened = await service.OpenDisputeAsync(principal.ToActor(), body.WorkId, body.Url, body.Uploader, body.Reason, ct);
        return TypedResults.Created($"/api/cases/{opened.Id}", CaseSummaryDto.From(opened));
    }

    private static async Task<Ok<PlatformCasePolicy>> SetPolicyAsync(PlatformPolicyRequest body, ClaimsPrincipal principal, CaseService service, CancellationToken ct)
    {
        ClockRule? rule = body.Amount is { } amount ? new ClockRule(amount, body.Unit ?? ClockUnit.CalendarDays) : null;
        return TypedResults.Ok(await service.SetPlatformPolicyAsync(principal.ToActor(), body.ECommerce, rule, ct));
    }

    private static async Task<Ok<CaseDetailDto>> RespondentViewAsync(string token, CaseService service, CancellationToken ct) =>
        TypedResults.Ok(CaseDetailDto.From(await service.GetForRespondentAsync(token, ct)));

    private static async Task<Ok<MoveResultDto>> RespondentActAsync(string token, string action, MoveRequest? body, HttpRequest request, CaseMoves moves,
        CancellationToken ct) =>
        TypedResults.Ok(Result(await moves.ActAsRespondentAsync(token, ParseAction(action), (body ?? new MoveRequest()).ToInput(), ct), request));

    private static MoveResultDto Result(MoveResult result, HttpRequest request) =>
        new(CaseSummaryDto.From(result.Case), CaseStepDto.From(result.Step),
            result.RespondentToken is { } token ? $"{request.Scheme}://{request.Host}/respond/{token}" : null);

    private static CaseAction ParseAction(string name) => ActionNames.TryGetValue(name, out var action)
        ? action
        : throw ReelRightsException.Invalid("unknown-action", $"未知的操作：{name}。", $"Unknown action: {name}.");
}
