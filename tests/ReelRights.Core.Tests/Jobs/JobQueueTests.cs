using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Tests.Jobs;

/// <summary>The database job queue on both providers: exclusive claims, leases, retries, dead letters.</summary>
public sealed class JobQueueTests
{
    private static readonly string[] Kinds = ["test-kind"];

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Claim_ManyWorkersAtOnce_EachJobIsClaimedExactlyOnce(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        await EnqueueAsync(env, 20);

        // Eight workers, each with its own scope (connection), race for 20 jobs.
        var claimed = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            await using var scope = env.NewScope();
            var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
            while (await queue.ClaimAsync($"worker-{w}", Kinds, CancellationToken.None) is { } job)
            {
                mine.Add(job.Id);
            }
            return mine;
        })));

        var all = claimed.SelectMany(c => c).ToList();
        all.Count.ShouldBe(20);
        all.Distinct().Count().ShouldBe(20);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Fail_RetriesWithGrowingBackoff_ThenDeadLetterKeepsTheError(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var id = (await EnqueueAsync(env, 1, maxAttempts: 3))[0];
        var queue = env.Get<JobQueue>();
        var delays = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var job = await queue.ClaimAsync("w", Kinds, CancellationToken.None);
            job.ShouldNotBeNull($"attempt {attempt}");
            job.Attempts.ShouldBe(attempt);
            var state = await queue.FailAsync(job, "w", $"boom {attempt}", permanent: false, CancellationToken.None);
            var stored = await ReloadAsync(env, id);
            if (attempt < 3)
            {
                state.ShouldBe(JobState.Queued);
                delays.Add(stored.RunAfter - env.Time.GetUtcNow().UtcDateTime);
                // Not due yet: nothing to claim until the backoff has passed.
                (await queue.ClaimAsync("w", Kinds, CancellationToken.None)).ShouldBeNull();
                env.Time.Advance(stored.RunAfter - env.Time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
            }
            else
            {
                state.ShouldBe(JobState.Dead);
                stored.LastError.ShouldBe("boom 3");
            }
        }

        delays[1].ShouldBeGreaterThan(delays[0]);
        env.Time.Advance(TimeSpan.FromDays(1));
        (await queue.ClaimAsync("w", Kinds, CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Claim_LeaseOfAVanishedWorkerExpires_AnotherWorkerTakesOverAndTheOldOneCannotComplete(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var id = (await EnqueueAsync(env, 1))[0];
        var queue = env.Get<JobQueue>();
        (await queue.ClaimAsync("crashed", Kinds, CancellationToken.None)).ShouldNotBeNull();
        (await queue.ClaimAsync("other", Kinds, CancellationToken.None)).ShouldBeNull();

        env.Time.Advance(JobQueue.Lease + TimeSpan.FromSeconds(1));
        var taken = await queue.ClaimAsync("other", Kinds, CancellationToken.None);
        await queue.CompleteAsync(id, "crashed", CancellationToken.None);

        taken.ShouldNotBeNull();
        taken.Attempts.ShouldBe(2);
        (await ReloadAsync(env, id)).State.ShouldBe(JobState.Running);
        await queue.CompleteAsync(id, "other", CancellationToken.None);
        (await ReloadAsync(env, id)).State.ShouldBe(JobState.Done);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ProgressPostponeAndCancel_BehaveAsDocumented(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var ids = await EnqueueAsync(env, 2);
        var queue = env.Get<JobQueue>();
        var job = (await queue.ClaimAsync("w", Kinds, CancellationToken.None))!;

        (await queue.ReportProgressAsync(job.Id, "w", 0.4, CancellationToken.None)).ShouldBeTrue();
        (await queue.ReportProgressAsync(job.Id, "intruder", 0.9, CancellationToken.None)).ShouldBeFalse();
        var withProgress = await ReloadAsync(env, job.Id);
        await queue.PostponeAsync(job.Id, "w", TimeSpan.FromSeconds(30), CancellationToken.None);
        var postponed = await ReloadAsync(env, job.Id);
        var other = ids.Single(i => i != job.Id);
        (await queue.CancelAsync(other, CancellationToken.None)).ShouldBeTrue();

        withProgress.Progress.ShouldBe(0.4);
        withProgress.LockedUntil.ShouldBe(env.Time.GetUtcNow().UtcDateTime + JobQueue.Lease);
        postponed.State.ShouldBe(JobState.Queued);
        postponed.Attempts.ShouldBe(0);
        (await queue.ClaimAsync("w", Kinds, CancellationToken.None)).ShouldBeNull();
        env.Time.Advance(TimeSpan.FromSeconds(31));
        (await queue.ClaimAsync("w", Kinds, CancellationToken.None))!.Id.ShouldBe(job.Id);
        (await ReloadAsync(env, other)).State.ShouldBe(JobState.Cancelled);
    }

    private static async Task<List<Guid>> EnqueueAsync(CoreEnvironment env, int count, int maxAttempts = 5)
    {
        await using var scope = env.NewScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var ids = Enumerable.Range(0, count).Select(i => queue.Enqueue("test-kind", $"{{\"n\":{i}}}", null, maxAttempts).Id).ToList();
        queue.Enqueue("other-kind", "{}", null);
        await scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>().SaveChangesAsync();
        return ids;
    }

    private static async Task<Job> ReloadAsync(CoreEnvironment env, Guid id)
    {
        await using var scope = env.NewScope();
        return await scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }
}
