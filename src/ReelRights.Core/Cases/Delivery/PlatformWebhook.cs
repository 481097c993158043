namespace ReelRights.Core.Cases.Delivery;

/// <summary>A platform's webhook: where each step of its cases is POSTed, signed with HMAC-SHA256 under its secret.</summary>
public sealed class PlatformWebhook
{
    public Guid OrganizationId { get; set; }
    public string Url { get; set; } = "";
    /// <summary>The shared secret, encrypted at rest (shown to the platform once, when set).</summary>
    public string SecretProtected { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One event to deliver to a platform's webhook, with how its attempts went.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CaseId { get; set; }
    public string Event { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>The exact bytes (UTF-8 JSON) signed and sent on every attempt.</summary>
    public string Body { get; set; } = "";
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

public enum DeliveryState
{
    Pending,
    Delivered,
    /// <summary>Every attempt failed; the platform still has the notice in its inbox and by API.</summary>
    Failed,
}

/// <summary>One attempt of a delivery: when, what the receiver answered, how long it took.</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; set; }
    public Guid DeliveryId { get; set; }
    public int Attempt { get; set; }
    public DateTime At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}
