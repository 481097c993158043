namespace ReelRights.Core.Licensing;

/// <summary>Where two grants of one work cover the same use: the shared rights, territories, platforms, languages, episodes and days.</summary>
public sealed record GrantOverlap(LicenseRight Rights, IReadOnlySet<string> Territories, IReadOnlyList<string>? Platforms, IReadOnlyList<string>? Languages,
    IReadOnlyList<int>? Episodes, DateOnly From, DateOnly To)
{
    /// <summary>
    /// The use both grants cover, or null. They overlap only when every dimension does: a right in
    /// common, a territory in common, a platform, language and episode in common (an empty list or
    /// no episode list covers all), and at least one day in both terms.
    /// </summary>
    public static GrantOverlap? Of(LicenseTerms a, LicenseTerms b)
    {
        var rights = a.Rights & b.Rights;
        if (rights == LicenseRight.None || a.Start > b.End || b.Start > a.End)
        {
            return null;
        }
        var platforms = Intersect(a.Platforms, b.Platforms, StringComparer.OrdinalIgnoreCase);
        var languages = Intersect(a.Languages, b.Languages, StringComparer.OrdinalIgnoreCase);
        List<int>? episodes = a.Episodes is null ? b.Episodes?.ToList() : b.Episodes is null ? a.Episodes.ToList() : a.Episodes.Intersect(b.Episodes).ToList();
        if (platforms is { Count: 0 } || languages is { Count: 0 } || episodes is { Count: 0 })
        {
            return null;
        }
        var territories = new HashSet<string>(a.TerritoryCodes(), StringComparer.Ordinal);
        territories.IntersectWith(b.TerritoryCodes());
        if (territories.Count == 0)
        {
            return null;
        }
        return new GrantOverlap(rights, territories, platforms, languages, episodes, a.Start > b.Start ? a.Start : b.Start, a.End < b.End ? a.End : b.End);
    }

    /// <summary>
    /// Two grants conflict when they overlap and either is exclusive or sole: an exclusive grant
    /// leaves the use to its licensee alone, a sole one to its licensee and the owner, so neither
    /// admits a second licensee for the same use. Two non-exclusive grants never conflict.
    /// </summary>
    public static GrantOverlap? Conflicts(LicenseTerms a, LicenseTerms b) =>
        a.Exclusivity == Exclusivity.NonExclusive && b.Exclusivity == Exclusivity.NonExclusive ? null : Of(a, b);

    /// <summary>Null when both lists are empty (any); the other list when one is empty; else the common entries.</summary>
    private static List<string>? Intersect(IReadOnlyList<string> a, IReadOnlyList<string> b, StringComparer comparer)
    {
        if (a.Count == 0)
        {
            return b.Count == 0 ? null : b.ToList();
        }
        return b.Count == 0 ? a.ToList() : a.Intersect(b, comparer).ToList();
    }
}
