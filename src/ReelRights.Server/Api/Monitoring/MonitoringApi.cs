using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReelRights.Core.Evidence;
using ReelRights.Core.Monitoring;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Monitoring;

/// <summary>Owners' declared channels, and the platform screening API (a verdict before publishing).</summary>
internal static class MonitoringApi
{
    public static void MapMonitoringApi(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/monitoring/channels").WithTags("Monitoring");
        channels.MapPost("/", DeclareAsync).WithSummary("声明自有或授权渠道 / Declare an own or licensed channel");
        channels.MapGet("/", ListAsync).WithSummary("本组织声明的渠道 / This organization's declared channels");
        channels.MapDelete("/{id:guid}", RemoveAsync).WithSummary("删除渠道 / Remove a channel");

        var tasks = api.MapGroup("/monitoring/tasks").WithTags("Monitoring");
        tasks.MapPost("/", CreateTaskAsync).WithSummary("新建监测任务（网址列表，一次或定期）/ Create a monitoring task (URLs, once or on a schedule)");
        tasks.MapGet("/", ListTasksAsync).WithSummary("监测任务 / Monitoring tasks");
        tasks.MapGet("/{id:guid}", GetTaskAsync).WithSummary("任务详情与失败记录 / A task with its failures");
        tasks.MapPost("/{id:guid}/run", RunTaskAsync).WithSummary("立即运行 / Run now");
        var hits = api.MapGroup("/monitoring/hits").WithTags("Monitoring");
        hits.MapGet("/", HitsAsync).WithSummary("侵权线索（可按作品、任务筛选）/ Hits, by work or task");
        hits.MapPost("/{id:guid}/evidence", RequestEvidenceAsync).WithSummary("对线索取证（后台进行）/ Capture evidence for a hit (runs in the background)");
        hits.MapGet("/{id:guid}/evidence", EvidenceOfHitAsync).WithSummary("该线索的证据包 / Evidence bundles of a hit");
        var evidence = api.MapGroup("/evidence").WithTags("Monitoring");
        evidence.MapGet("/{id:guid}", EvidenceAsync).WithSummary("证据包状态 / Evidence bundle state");
        evidence.MapGet("/{id:guid}/bundle.zip", BundleAsync).WithSummary("下载证据包 / Download the sealed bundle");
        hits.MapPost("/{id:guid}/dismiss", DismissAsync).WithSummary("忽略线索并记录理由 / Dismiss a hit with a reason");
        hits.MapPost("/{id:guid}/restore", RestoreAsync).WithSummary("恢复已忽略的线索并记录理由 / Restore a dismissed hit with a reason");
        hits.MapGet("/{id:guid}/history", HistoryAsync).WithSummary("线索的忽略与恢复记录 / Who dismissed or restored a hit, when and why");

        api.MapPost("/screening", ScreenAsync).WithTags("Monitoring")
            .WithSummary("平台上传前筛查（请求体即媒体或 .rrfp 文件）/ Screen an upload before publishing (the body is the media or .rrfp)");
    }

    private static async Task<Created<AuthorizedChannel>> DeclareAsync(DeclareChannelRequest body, ClaimsPrincipal principal, ChannelService channels, CancellationToken ct)
    {
        var channel = await channels.DeclareAsync(principal.ToActor(), body, ct);
        return TypedResults.Created($"/api/monitoring/channels/{channel.Id}", channel);
    }

    private static async Task<Ok<IReadOnlyList<AuthorizedChannel>>> ListAsync(ClaimsPrincipal principal, ChannelService channels, CancellationToken ct) =>
        TypedResults.Ok(await channels.ListAsync(principal.ToActor(), ct));

    private static async Task<NoContent> RemoveAsync(Guid id, ClaimsPrincipal principal, ChannelService channels, CancellationToken ct)
    {
        await channels.RemoveAsync(principal.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<MonitoringTask>> CreateTaskAsync(CreateTaskRequest body, ClaimsPrincipal principal, MonitoringService monitoring, CancellationToken ct)
    {
        var task = await monitoring.CreateAsync(principal.ToActor(), body, ct);
        return TypedResults.Created($"/api/monitoring/tasks/{task.Id}", task);
    }

    private static async Task<Ok<IReadOnlyList<MonitoringTask>>> ListTasksAsync(ClaimsPrincipal principal, MonitoringService monitoring, CancellationToken ct) =>
        TypedResults.Ok(await monitoring.ListAsync(principal.ToActor(), ct));

    private static async Task<Ok<TaskDetail>> GetTaskAsync(Guid id, ClaimsPrincipal principal, MonitoringService monitoring, ReelRights.Core.Data.ReelRightsDbContext db, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var task = await monitoring.GetAsync(actor, id, ct);
        var job = task.LastJobId is { } jobId ? await db.Jobs.FindAsync([jobId], ct) : null;
        return TypedResults.Ok(new TaskDetail(task, job?.State.ToString().ToLowerInvariant(), job?.Progress, await monitoring.FailuresAsync(actor, id, ct)));
    }

    private static async Task<Accepted<MonitoringTask>> RunTaskAsync(Guid id, ClaimsPrincipal principal, MonitoringService monitoring, CancellationToken ct) =>
        TypedResults.Accepted($"/api/monitoring/tasks/{id}", await monitoring.RunNowAsync(principal.ToActor(), id, ct));

    private static async Task<Ok<List<HitDto>>> HitsAsync(ClaimsPrincipal principal, MonitoringService monitoring, CancellationToken ct,
        Guid? workId = null, Guid? taskId = null) =>
        TypedResults.Ok((await monitoring.HitsAsync(principal.ToActor(), workId, taskId, ct)).Select(HitDto.From).ToList());

    private static async Task<Ok<HitDto>> DismissAsync(Guid id, DismissRequest body, ClaimsPrincipal principal, MonitoringService monitoring, CancellationToken ct) =>
        TypedResults.Ok(HitDto.From(await monitoring.DismissAsync(principal.ToActor(), id, body.Reason, ct)));

    private static async Task<Ok<HitDto>> RestoreAsync(Guid id, DismissRequest body, ClaimsPrincipal principal, MonitoringService monitoring, CancellationToken ct) =>
        TypedResults.Ok(HitDto.From(await monitoring.RestoreAsync(principal.ToActor(), id, body.Reason, ct)));

    private static async Task<Ok<List<HitEventDto>>> HistoryAsync(Guid id, ClaimsPrincipal principal, ReelRights.Core.Data.ReelRightsDbContext db, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var hit = await db.HitAsync(actor, id, ct);
        return TypedResults.Ok((await db.HitHistoryAsync(actor, [hit.Id], ct))[hit.Id].Select(HitEventDto.From).ToList());
    }

    private static async Task<Accepted<EvidenceBundle>> RequestEvidenceAsync(Guid id, ClaimsPrincipal principal, EvidenceService evidence, CancellationToken ct)
    {
        var bundle = await evidence.RequestAsync(principal.ToActor(), id, ct);
        return TypedResults.Accepted($"/api/evidence/{bundle.Id}", bundle);
    }

    private static async Task<Ok<IReadOnlyList<EvidenceBundle>>> EvidenceOfHitAsync(Guid id, ClaimsPrincipal principal, EvidenceService evidence, CancellationToken ct) =>
        TypedResults.Ok(await evidence.ForHitAsync(principal.ToActor(), id, ct));

    private static async Task<Ok<EvidenceBundle>> EvidenceAsync(Guid id, ClaimsPrincipal principal, EvidenceService evidence, CancellationToken ct) =>
        TypedResults.Ok(await evidence.GetAsync(principal.ToActor(), id, ct));

    private static async Task<FileStreamHttpResult> BundleAsync(Guid id, ClaimsPrincipal principal, EvidenceService evidence, CancellationToken ct) =>
        TypedResults.File(await evidence.OpenBundleAsync(principal.ToActor(), id, ct), "application/zip", $"evidence-{id}.zip");

    private static async Task<Ok<ScreeningVerdict>> ScreenAsync(HttpContext http, ClaimsPrincipal principal, ScreeningService screening,
        IOptions<MonitoringOptions> options, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = options.Value.MaxScreeningBytes + 1;
        }
        return TypedResults.Ok(await screening.ScreenAsync(principal.ToActor(), http.Request.Body, ct));
    }
}

public sealed record TaskDetail(MonitoringTask Task, string? RunState, double? RunProgress, IReadOnlyList<MonitoringFailure> Failures);

/// <summary>The reason for dismissing or restoring a hit (required, at most 1000 characters).</summary>
public sealed record DismissRequest(string? Reason = null);
