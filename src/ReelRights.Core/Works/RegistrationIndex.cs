using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Fingerprinting;
using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Core.Works;

/// <summary>A match of a submitted episode against an already registered one.</summary>
public sealed record RegistrationConflict(Guid EpisodeId, string EpisodeCode, Guid OtherEpisodeId, string OtherEpisodeCode,
    string OtherWorkTitle, Guid OtherOrganizationId, bool SameOwner, DateTime OtherSealedAt, double Score, string Modality,
    IReadOnlyList<MatchedSegment> Segments);

/// <summary>
/// Fingerprints of every sealed episode, held as one in-memory reference index for the conflict
/// check. Rebuilt (lazily, once) after each seal; references are the episode ids.
/// </summary>
public sealed class RegistrationIndex(IServiceScopeFactory scopes, IBlobStore blobs)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ReferenceIndex? index;
    private int built = -1;
    private int version;

    public void Invalidate() => Interlocked.Increment(ref version);

    public async Task<IReadOnlyList<FingerprintMatch>> MatchAsync(Fingerprint query, CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken);
        return current is null ? [] : new FingerprintMatcher(current).Match(query, cancellationToken);
    }

    private async Task<ReferenceIndex?> GetAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var wanted = Volatile.Read(ref version);
            if (built == wanted)
            {
                return index;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            var sealedIds = await db.Registrations.AsNoTracking().Where(r => r.State == RegistrationState.Sealed)
                .Select(r => r.EpisodeIds).ToListAsync(cancellationToken);
            var ids = sealedIds.SelectMany(j => System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(j) ?? []).ToHashSet();
            var episodes = await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.Id) && e.FingerprintSha256 != null)
                .Select(e => new { e.Id, e.FingerprintSha256 }).ToListAsync(cancellationToken);
            var entries = new List<ReferenceEntry>();
            foreach (var e in episodes)
            {
                await using var stream = blobs.OpenRead(e.FingerprintSha256!);
                if (stream is not null)
                {
                    entries.Add(new ReferenceEntry(e.Id.ToString(), Fingerprint.ReadFrom(stream)));
                }
            }
            index = entries.Count == 0 ? null : ReferenceIndex.Build(entries, cancellationToken);
            built = wanted;
            return index;
        }
        finally
        {
            gate.Release();
        }
    }
}
