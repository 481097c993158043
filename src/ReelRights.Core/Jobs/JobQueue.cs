using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;

namespace ReelRights.Core.Jobs;

/// <summary>
/// The durable job queue on the application database. Enqueueing only adds the row to the
/// caller's context, so a job is committed in the same transaction as the change that needs it
/// (never a registration without its fingerprint job, never a job for a rolled-back upload).
/// Workers claim with a compare-and-set on state and lease, which is safe on SQLite's single
/// writer and on PostgreSQL with many nodes; a worker that dies leaves a lease that expires, and
/// the job runs again.
/// </summary>
public sealed class JobQueue(ReelRightsDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public Job Enqueue(string kind, string payload, Guid? organizationId, int maxAttempts = 5, TimeSpan? delay = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var job = new Job
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Payload = payload,
            OrganizationId = organizationId,
            State = JobState.Queued,
            MaxAttempts = maxAttempts,
            RunAfter = now + (delay ?? TimeSpan.Zero),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Jobs.Add(job);
        return job;
    }

    /// <summary>Claims the next due job of one of <paramref name="kinds"/>, or returns null.</summary>
    public async Task<Job?> ClaimAsync(string worker, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        for (var tries = 0; tries < 5; tries++)
        {
            var candidate = await db.Jobs.AsNoTracking()
                .Where(j => kinds.Contains(j.Kind) && ((j.State == JobState.Queued && j.RunAfter <= now) || (j.State == JobState.Running && j.LockedUntil < now)))
                .OrderBy(j => j.RunAfter)
                .Select(j => new { j.Id, j.State, j.LockedUntil })
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
            {
                return null;
            }
            var until = now + Lease;
            var claimed = await db.Jobs
                .Where(j => j.Id == candidate.Id && j.State == candidate.State && j.LockedUntil == candidate.LockedUntil)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(j => j.State, JobState.Running)
                    .SetProperty(j => j.LockedBy, worker)
                    .SetProperty(j => j.LockedUntil, until)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.UpdatedAt, now), cancellationToken);
            if (claimed == 1)
            {
                return await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == candidate.Id, cancellationToken);
            }
            // Another worker won this one; look again.
        }
        return null;
    }

    /// <summary>Records progress (0..1) and extends the lease, as long as this worker still holds the job.</summary>
    public async Task<bool> ReportProgressAsync(Guid id, string worker, double progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Jobs.Where(j => j.Id == id && j.LockedBy == worker && j.State == JobState.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Progress, Math.Clamp(progress, 0, 1))
                .SetProperty(j => j.LockedUntil, now + Lease)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken) == 1;
    }

    public async Task CompleteAsync(Guid id, string worker, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Jobs.Where(j => j.Id == id && j.LockedBy == worker && j.State == JobState.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.State, JobState.Done)
                .SetProperty(j => j.Progress, 1.0)
                .SetProperty(j => j.LockedUntil, (DateTime?)null)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Puts the job back to run after <paramref name="delay"/> without counting a failure (waiting for something).</summary>
    public async Task PostponeAsync(Guid id, string worker, TimeSpan delay, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Jobs.Where(j => j.Id == id && j.LockedBy == worker && j.State == JobState.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.Attempts, j => j.Attempts - 1)
                .SetProperty(j => j.RunAfter, now + delay)
                .SetProperty(j => j.LockedUntil, (DateTime?)null)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken);
    }

    /// <summary>
    /// A failed attempt: retried after an exponential backoff (10 s, 20 s, 40 s… at most 10 min),
    /// or, after the last attempt or when <paramref name="permanent"/>, kept as a dead letter.
    /// </summary>
    public async Task<JobState> FailAsync(Job job, string worker, string error, bool permanent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var dead = permanent || job.Attempts >= job.MaxAttempts;
        var backoff = TimeSpan.FromSeconds(Math.Min(600, 10 * Math.Pow(2, Math.Max(0, job.Attempts - 1))));
        var state = dead ? JobState.Dead : JobState.Queued;
        var message = error.Length > 2000 ? error[..2000] : error;
        await db.Jobs.Where(j => j.Id == job.Id && j.LockedBy == worker && j.State == JobState.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.LastError, message)
                .SetProperty(j => j.RunAfter, now + backoff)
                .SetProperty(j => j.LockedUntil, (DateTime?)null)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken);
        return state;
    }

    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Jobs.Where(j => j.Id == id && (j.State == JobState.Queued || j.State == JobState.Running))
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.State, JobState.Cancelled)
                .SetProperty(j => j.UpdatedAt, time.GetUtcNow().UtcDateTime), cancellationToken) == 1;
}
