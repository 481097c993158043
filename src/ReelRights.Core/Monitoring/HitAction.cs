namespace ReelRights.Core.Monitoring;

/// <summary>What an owner did to a hit (audit actions monitoring.hit-dismissed, -restored and -reclassified).</summary>
public enum HitAction
{
    Dismissed,
    Restored,
    /// <summary>The class changed because the work's licensing did (audit action monitoring.hit-reclassified).</summary>
    Reclassified,
}
