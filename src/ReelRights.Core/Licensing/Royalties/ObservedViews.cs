namespace ReelRights.Core.Licensing.Royalties;

/// <summary>
/// What the monitor saw of a license's copies: the view counts the pages of its licensed copies
/// reported (each page's latest, cumulative, counted once however many hits it carries), how many pages, when last observed, and the views the
/// licensee reported for every month up to that one. Shown beside a statement as a check on the
/// report; not part of what the two sides confirm (it changes with every crawl).
/// </summary>
public sealed record ObservedViews(long Views, int Copies, DateTime At, string ThroughPeriod, long Reported)
{
    /// <summary>The pages show more views than the licensee reported up to the same month.</summary>
    public bool AboveReported => Views > Reported;
}
