using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Cases.Delivery;

/// <summary>
/// POSTs one delivery, signed (<see cref="WebhookSignature"/>), through the same address policy
/// as monitoring. A 2xx answer delivers it; anything else is logged and retried by the job
/// system's backoff (10 s doubling to 10 min) up to <see cref="CaseWebhooks.MaxAttempts"/> attempts.
/// </summary>
public sealed class WebhookDeliveryJob(ReelRightsDbContext db, SafeFetcher fetcher, ISecretProtector secrets, TimeProvider time) : IJobHandler
{
    public const string JobKind = "case.webhook";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public string Kind => JobKind;

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(job.Payload, out var id) || await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } delivery)
        {
            throw new PermanentJobException($"no webhook delivery {job.Payload}");
        }
        if (delivery.State != DeliveryState.Pending)
        {
            return JobOutcome.Done;
        }
        var hook = await db.PlatformWebhooks.AsNoTracking().SingleOrDefaultAsync(h => h.OrganizationId == delivery.OrganizationId, cancellationToken);
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var now = time.GetUtcNow();
        var attempt = new WebhookAttempt { Id = Guid.CreateVersion7(), DeliveryId = delivery.Id, Attempt = delivery.Attempts + 1, At = now.UtcDateTime };
        var clock = Stopwatch.StartNew();
        string? failure = null;
        if (hook is null)
        {
            failure = "the platform removed its webhook";
        }
        else
        {
            try
            {
                var signature = WebhookSignature.Sign(secrets.Unprotect(hook.SecretProtected), now.ToUnixTimeSeconds(), body);
                var (status, answer) = await fetcher.PostAsync(new Uri(delivery.Url), body, "application/json; charset=utf-8",
                    [new(WebhookSignature.Header, signature), new("X-ReelRights-Delivery", delivery.Id.ToString()), new("X-ReelRights-Event", delivery.Event)],
                    Timeout, cancellationToken);
                attempt.StatusCode = status;
                if (status is < 200 or >= 300)
                {
                    failure = $"HTTP {status}: {answer}";
                }
            }
            catch (FetchException e)
            {
                failure = $"{e.Code}: {e.MessageEn}";
            }
        }
        attempt.DurationMs = (int)clock.ElapsedMilliseconds;
        attempt.Error = failure is { Length: > 1000 } ? failure[..1000] : failure;
        db.WebhookAttempts.Add(attempt);
        delivery.Attempts = attempt.Attempt;
        delivery.LastStatus = attempt.StatusCode;
        delivery.LastError = attempt.Error;
        if (failure is null)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = time.GetUtcNow().UtcDateTime;
        }
        else if (hook is null || job.Attempts >= job.MaxAttempts)
        {
            delivery.State = DeliveryState.Failed;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        if (failure is not null && delivery.State == DeliveryState.Pending)
        {
            // Counted as a failed attempt: the job system retries it after its backoff.
            throw new InvalidOperationException($"webhook delivery {delivery.Id} attempt {attempt.Attempt} failed: {failure}");
        }
        return JobOutcome.Done;
    }
}
