using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReelRights.Core.Cases.Delivery;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Cases;

/// <summary>A platform's case webhook: set it (the secret is returned once) and read the delivery log.</summary>
internal static class WebhookApi
{
    public static void MapWebhookApi(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/cases/webhook").WithTags("Cases");
        hooks.MapPut("/", async (WebhookRequest body, ClaimsPrincipal p, CaseWebhooks webhooks, CancellationToken ct) =>
        {
            var (hook, secret) = await webhooks.SetAsync(p.ToActor(), body.Url, ct);
            return TypedResults.Ok(new WebhookDto(hook.Url, secret, WebhookSignature.Header));
        }).WithSummary("平台设置案件推送地址（密钥只显示一次；签名 HMAC-SHA256）/ Set the case webhook (secret shown once; HMAC-SHA256 signature)");
        hooks.MapGet("/deliveries", async (ClaimsPrincipal p, CaseWebhooks webhooks, CancellationToken ct, int limit = 100) =>
            TypedResults.Ok((await webhooks.LogAsync(p.ToActor(), limit, ct)).Select(d => new DeliveryDto(d.Delivery.Id, d.Delivery.CaseId, d.Delivery.Event,
                d.Delivery.Url, d.Delivery.State, d.Delivery.Attempts, d.Delivery.LastStatus, d.Delivery.LastError, d.Delivery.CreatedAt, d.Delivery.DeliveredAt,
                d.Attempts.Select(a => new AttemptDto(a.Attempt, a.At, a.StatusCode, a.Error, a.DurationMs)).ToList())).ToList()))
            .WithSummary("推送记录（每次尝试）/ Delivery log, every attempt");
    }
}

public sealed record WebhookRequest(string Url);

public sealed record WebhookDto(string Url, string Secret, string SignatureHeader);

public sealed record DeliveryDto(Guid Id, Guid CaseId, string Event, string Url, DeliveryState State, int Attempts, int? LastStatus, string? LastError,
    DateTime CreatedAt, DateTime? DeliveredAt, IReadOnlyList<AttemptDto> Log);

public sealed record AttemptDto(int Attempt, DateTime At, int? StatusCode, string? Error, int DurationMs);
