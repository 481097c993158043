namespace ReelRights.Core.Finance;

/// <summary>
/// A licensed work like the one valued: its owner, its registered episodes, and the licence income it
/// earned in the first twelve months of each license in the report's currency. <see cref="OwnCode"/> is
/// set only for the valuing owner's own works; another owner's work is never named.
/// </summary>
public sealed record Comparable(Guid WorkId, Guid OrganizationId, string? OwnCode, int Episodes, long IncomeMinor)
{
    /// <summary>Income per registered episode, minor units.</summary>
    public double PerEpisode => (double)IncomeMinor / Episodes;
}
