using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;

namespace ReelRights.Core.Finance;

/// <summary>A work's genre tags: those declared in its valuation profile and those on its licensing listings.</summary>
public static class WorkGenres
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The genre tags declared in a profile (none without one).</summary>
    public static IReadOnlyList<string> Of(ValuationProfile? profile) =>
        profile is null ? [] : JsonSerializer.Deserialize<List<string>>(profile.GenresJson, Json) ?? [];

    /// <summary>Tags per work for the given works (every work with any tag; null for all works).</summary>
    internal static async Task<Dictionary<Guid, SortedSet<string>>> LoadAsync(ReelRightsDbContext db, IReadOnlyCollection<Guid>? workIds, CancellationToken cancellationToken)
    {
        var profiles = db.ValuationProfiles.AsNoTracking();
        var listings = db.LicenseListings.AsNoTracking().Where(l => l.Tags != "");
        if (workIds is not null)
        {
            profiles = profiles.Where(p => workIds.Contains(p.WorkId));
            listings = listings.Where(l => workIds.Contains(l.WorkId));
        }
        var found = new Dictionary<Guid, SortedSet<string>>();
        void Add(Guid work, IEnumerable<string> tags)
        {
            if (!found.TryGetValue(work, out var set))
            {
                found[work] = set = new SortedSet<string>(StringComparer.Ordinal);
            }
            set.UnionWith(tags.Where(t => t.Length > 0));
        }
        foreach (var p in await profiles.ToListAsync(cancellationToken))
        {
            Add(p.WorkId, Of(p));
        }
        foreach (var l in await listings.Select(l => new { l.WorkId, l.Tags }).ToListAsync(cancellationToken))
        {
            Add(l.WorkId, l.Tags.Split(','));
        }
        return found;
    }
}
