using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Licensing;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Licensing;

/// <summary>Steps the licensing tests share: a signed license from a listing, registered episodes, and a worker's run of due jobs.</summary>
internal static class LicensingSteps
{
    /// <summary>Streaming and dubbing of episode 1 in Southeast Asia for 2027, sole, for a flat fee of CNY 80,000.</summary>
    public static readonly LicenseTerms SoleSoutheastAsia2027 = new()
    {
        Rights = LicenseRight.Streaming | LicenseRight.Dubbing,
        Territories = ["southeast-asia"],
        Episodes = [1],
        Start = new DateOnly(2027, 1, 1),
        End = new DateOnly(2027, 12, 31),
        Exclusivity = Exclusivity.Sole,
        Price = new LicensePrice(PriceModel.FlatFee, "CNY", 80_000_00),
    };

    /// <summary>Lists the terms, offers them as listed, accepts and has both sides sign; the license's code.</summary>
    public static async Task<string> GrantAsync(CoreEnvironment env, Actor owner, Actor licensee, Guid workId, LicenseTerms terms)
    {
        await using var scope = env.NewScope();
        var s = scope.ServiceProvider;
        var deals = s.GetRequiredService<DealService>();
        var listing = await s.GetRequiredService<ListingService>().CreateAsync(owner, new NewListing(workId, "东南亚", terms), CancellationToken.None);
        var deal = await deals.OfferAsync(licensee, listing.Id, null, null, CancellationToken.None);
        await deals.AcceptAsync(owner, deal.Id, 1, CancellationToken.None);
        var sha = (await deals.GetAsync(owner, deal.Id, CancellationToken.None)).Deal.ContractPdfSha256!;
        await s.GetRequiredService<DealSigning>().SignAsync(owner, deal.Id, sha, CancellationToken.None);
        await s.GetRequiredService<DealSigning>().SignAsync(licensee, deal.Id, sha, CancellationToken.None);
        return (await deals.GetAsync(owner, deal.Id, CancellationToken.None)).License!.Code;
    }

    /// <summary>Episodes 1 to <paramref name="count"/> of the work, ready, without media.</summary>
    public static async Task<IReadOnlyList<Episode>> AddEpisodesAsync(CoreEnvironment env, Actor owner, Guid workId, int count)
    {
        await using var scope = env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var now = env.Time.GetUtcNow().UtcDateTime;
        var episodes = Enumerable.Range(1, count).Select(n => new Episode
        {
            Id = Guid.CreateVersion7(), WorkId = workId, OrganizationId = owner.OrganizationId, Number = n, Code = $"EP-{workId:N}-{n}", Title = $"第{n}集",
            Source = EpisodeSource.Media, DurationSeconds = 120, State = EpisodeState.Ready, CreatedAt = now,
        }).ToList();
        db.Episodes.AddRange(episodes);
        await db.SaveChangesAsync();
        return episodes;
    }

    /// <summary>Claims and runs every due licensing job, each in its own scope, as a worker would.</summary>
    public static Task RunDueJobsAsync(CoreEnvironment env) =>
        env.RunDueJobsAsync(LicenseReclassifyJob.JobKind, LicenseSealJob.JobKind, LicenseExpiryJob.JobKind);

    /// <summary>Episodes 1 and 2 of the work; a hit of each on the licensee's channel and one of episode 1 elsewhere, all suspected.</summary>
    public static async Task<(Guid One, Guid Two, Guid Elsewhere)> SeedHitsAsync(CoreEnvironment env, Actor owner, Guid workId)
    {
        var episodes = await LicensingSteps.AddEpisodesAsync(env, owner, workId, 2);
        await using var scope = env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var now = env.Time.GetUtcNow().UtcDateTime;
        var task = new MonitoringTask { Id = Guid.CreateVersion7(), OrganizationId = owner.OrganizationId, Name = "巡查", CreatedAt = now };
        db.MonitoringTasks.Add(task);
        MonitoringHit Hit(Episode e, string url) => new()
        {
            Id = Guid.CreateVersion7(), OrganizationId = owner.OrganizationId, TaskId = task.Id, EpisodeId = e.Id, WorkId = workId, Source = url,
            MediaSha256 = new string('c', 64), Score = 0.9, Modality = "video+audio", Class = MatchClass.Suspected, FirstSeenAt = now, LastSeenAt = now, TimesSeen = 1,
            Segments = "[{\"queryStart\":0,\"queryEnd\":30,\"referenceStart\":10,\"referenceEnd\":40}]",
        };
        var hits = new[] { Hit(episodes[0], "https://video.example/viu/1.mp4"), Hit(episodes[1], "https://video.example/viu/2.mp4"), Hit(episodes[0], "https://pirate.example/1.mp4") };
        db.MonitoringHits.AddRange(hits);
        await db.SaveChangesAsync();
        return (hits[0].Id, hits[1].Id, hits[2].Id);
    }

    public static async Task<Dictionary<Guid, MonitoringHit>> HitsAsync(CoreEnvironment env, params Guid[] ids)
    {
        await using var scope = env.NewScope();
        return await scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>().MonitoringHits.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id);
    }
}
