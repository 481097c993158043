using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
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
