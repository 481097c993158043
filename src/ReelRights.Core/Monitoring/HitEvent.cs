namespace ReelRights.Core.Monitoring;

/// <summary>A dismissal or restoration of a hit, from the audit log: who, when and why.</summary>
public sealed record HitEvent(Guid HitId, HitAction Action, string? Reason, DateTime At, Guid? ActorUserId, Guid? ActorApiKeyId, string? ActorName);
