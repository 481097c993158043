using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Core.Works;

namespace ReelRights.Core.Cases.Delivery;

/// <summary>
/// Platforms' webhooks: a platform sets its URL (and gets the secret once); every step of a case
/// it is party to is queued as a delivery in the step's own transaction and POSTed by
/// <see cref="WebhookDeliveryJob"/>, retried with backoff, every attempt logged.
/// </summary>
public sealed class CaseWebhooks(ReelRightsDbContext db, JobQueue jobs, ISecretProtector secrets, IOptions<RegistrationOptions> registration, TimeProvider time)
{
    public const int MaxAttempts = 8;
    public const string StepEvent = "case.step";

    /// <summary>Sets (or replaces) the platform's webhook; returns the new secret, shown once.</summary>
    public async Task<(PlatformWebhook Hook, string Secret)> SetAsync(Actor actor, string url, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesWrite);
        if (actor.OrganizationKind != OrganizationKind.Platform)
        {
            throw ReelRightsException.Forbidden("只有平台可以设置案件推送地址。", "Only a platform sets a case webhook.");
        }
        var checkedUrl = Validation.Text(url, "url", 2000);
        if (!Uri.TryCreate(checkedUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw ReelRightsException.Invalid("invalid-url", "推送地址须为 http(s) 网址，且不含用户名密码。", "The webhook must be an http(s) URL without credentials.");
        }
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var hook = await db.PlatformWebhooks.SingleOrDefaultAsync(h => h.OrganizationId == actor.OrganizationId, cancellationToken);
        if (hook is null)
        {
            hook = new PlatformWebhook { OrganizationId = actor.OrganizationId, CreatedAt = now };
            db.PlatformWebhooks.Add(hook);
        }
        hook.Url = uri.ToString();
        hook.SecretProtected = secrets.Protect(secret);
        hook.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return (hook, secret);
    }

    /// <summary>The platform's deliveries, newest first, with their attempts.</summary>
    public async Task<IReadOnlyList<(WebhookDelivery Delivery, IReadOnlyList<WebhookAttempt> Attempts)>> LogAsync(Actor actor, int limit, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesRead);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.OrganizationId == actor.OrganizationId)
            .OrderByDescending(d => d.CreatedAt).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .GroupBy(a => a.DeliveryId).ToDictionary(g => g.Key, g => (IReadOnlyList<WebhookAttempt>)g.OrderBy(a => a.Attempt).ToList());
        return deliveries.Select(d => (d, attempts.GetValueOrDefault(d.Id) ?? [])).ToList();
    }

    /// <summary>Queues the step for the case's platform, if it has a webhook (in the caller's unit of work).</summary>
    internal async Task QueueAsync(EnforcementCase c, CaseEvent step, CancellationToken cancellationToken)
    {
        if (c.PlatformOrganizationId is not { } platform
            || await db.PlatformWebhooks.AsNoTracking().SingleOrDefaultAsync(h => h.OrganizationId == platform, cancellationToken) is not { } hook)
        {
            return;
        }
        var publicUrl = registration.Value.PublicUrl.TrimEnd('/');
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["event"] = StepEvent,
            ["case"] = c.Id,
            ["number"] = c.Number,
            ["step"] = step.Sequence,
            ["action"] = step.Action is { } a ? CaseSealer.Wire(a.ToString()) : "open",
            ["state"] = CaseSealer.Wire(c.State.ToString()),
            ["at"] = step.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["noticeSha256"] = c.NoticeSha256,
            ["links"] = new Dictionary<string, string?>
            {
                ["case"] = $"{publicUrl}/api/cases/{c.Id}",
                ["page"] = $"{publicUrl}/cases/{c.Id}",
                ["notice"] = c.NoticeSha256 is null ? null : $"{publicUrl}/api/cases/{c.Id}/notice",
            },
        });
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = platform,
            CaseId = c.Id,
            Event = StepEvent,
            Url = hook.Url,
            Body = body,
            State = DeliveryState.Pending,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.WebhookDeliveries.Add(delivery);
        jobs.Enqueue(WebhookDeliveryJob.JobKind, delivery.Id.ToString(), platform, maxAttempts: MaxAttempts);
    }
}
