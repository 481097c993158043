using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Works;

namespace ReelRights.Core.Finance;

/// <summary>The episodes valuation counts as registered: ready, and named in a sealed registration of their work.</summary>
internal static class RegisteredEpisodes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The registered episodes of the works the sealed <paramref name="registrations"/> belong to, by number.</summary>
    public static async Task<List<Episode>> OfAsync(ReelRightsDbContext db, IReadOnlyCollection<Registration> registrations, CancellationToken cancellationToken)
    {
        var ids = registrations.Where(r => r.State == RegistrationState.Sealed)
            .SelectMany(r => JsonSerializer.Deserialize<List<Guid>>(r.EpisodeIds, Json) ?? []).ToHashSet();
        var works = registrations.Select(r => r.WorkId).Distinct().ToList();
        var episodes = await db.Episodes.AsNoTracking().Where(e => works.Contains(e.WorkId) && e.State == EpisodeState.Ready).ToListAsync(cancellationToken);
        return episodes.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Number).ToList();
    }
}
