namespace ReelRights.Core.Monitoring;

/// <summary>What an owner did to a hit (audit actions monitoring.hit-dismissed and monitoring.hit-restored).</summary>
public enum HitAction
{
    Dismissed,
    Restored,
}
