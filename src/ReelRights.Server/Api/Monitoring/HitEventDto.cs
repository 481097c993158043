using ReelRights.Core.Monitoring;

namespace ReelRights.Server.Api.Monitoring;

/// <summary>One dismissal or restoration of a hit: what, why, when and by whom.</summary>
public sealed record HitEventDto(HitAction Action, string? Reason, DateTime At, Guid? ActorUserId, Guid? ActorApiKeyId, string? Actor)
{
    public static HitEventDto From(HitEvent e) => new(e.Action, e.Reason, e.At, e.ActorUserId, e.ActorApiKeyId, e.ActorName);
}
