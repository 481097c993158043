using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;

namespace ReelRights.Server.Hosting;

/// <summary>Configuration section <c>Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Jobs run at once in this process (0 turns the workers off, e.g. for a web-only node).</summary>
    public int Workers { get; set; } = 2;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often scheduled work (monitoring runs, upload expiry) is looked for.</summary>
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// In-process workers for the database job queue. Each claims a due job, runs its handler in a
/// fresh scope and records the outcome. On shutdown a running job is handed back at once; after a
/// crash, jobs this machine's dead process held are released when the next process starts.
/// </summary>
public sealed partial class JobWorker(IServiceScopeFactory scopes, IOptions<JobOptions> options, ILogger<JobWorker> logger) : BackgroundService
{
    private static readonly string Machine = Environment.MachineName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = Math.Max(0, options.Value.Workers);
        if (count == 0)
        {
            return;
        }
        await ReleaseJobsOfDeadProcessesAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, count).Select(n => RunWorkerAsync($"{Machine}/{Environment.ProcessId}/{n}", stoppingToken))
            .Append(RunHousekeepingAsync(stoppingToken)));
    }

    private async Task RunWorkerAsync(string worker, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool ran;
            try
            {
                ran = await RunOneAsync(worker, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogWorkerError(logger, e, worker);
                ran = false;
            }
            if (!ran)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> RunOneAsync(string worker, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handlers = scope.ServiceProvider.GetServices<IJobHandler>().ToDictionary(h => h.Kind);
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var job = await queue.ClaimAsync(worker, handlers.Keys, stoppingToken);
        if (job is null)
        {
            return false;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await handlers[job.Kind].RunAsync(job, p => queue.ReportProgressAsync(job.Id, worker, p, CancellationToken.None), stoppingToken);
            if (outcome == JobOutcome.Postpone)
            {
                await queue.PostponeAsync(job.Id, worker, TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            else
            {
                await queue.CompleteAsync(job.Id, worker, CancellationToken.None);
                LogJobDone(logger, job.Kind, job.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: hand the job back so the next start runs it without waiting for the lease.
            await queue.PostponeAsync(job.Id, worker, TimeSpan.Zero, CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var permanent = e is PermanentJobException || (e is ReelRightsException r && r.Kind == ErrorKind.Validation);
            var state = await queue.FailAsync(job, worker, e.Message, permanent, CancellationToken.None);
            LogJobFailed(logger, e, job.Kind, job.Id, state);
        }
        return true;
    }

    /// <summary>Every minute or so: scheduled monitoring runs that are due are queued; expired resumable uploads removed.</summary>
    private async Task RunHousekeepingAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReelRights.Core.Works.UploadService>().RemoveExpiredAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<ReelRights.Core.Monitoring.MonitoringService>().EnqueueDueAsync(stoppingToken);
                await Task.Delay(options.Value.ScheduleInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogWorkerError(logger, e, "housekeeping");
                await Task.Delay(TimeSpan.FromMinutes(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Jobs left running by an earlier process on this machine that no longer exists.</summary>
    private async Task ReleaseJobsOfDeadProcessesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var prefix = Machine + "/";
        var held = await db.Jobs.Where(j => j.State == JobState.Running && j.LockedBy != null && j.LockedBy.StartsWith(prefix))
            .Select(j => new { j.Id, j.LockedBy }).ToListAsync(cancellationToken);
        foreach (var job in held)
        {
            var parts = job.LockedBy!.Split('/');
            if (parts.Length == 3 && int.TryParse(parts[1], out var pid) && pid != Environment.ProcessId && IsAlive(pid))
            {
                continue;
            }
            await db.Jobs.Where(j => j.Id == job.Id && j.LockedBy == job.LockedBy && j.State == JobState.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, JobState.Queued).SetProperty(j => j.LockedUntil, (DateTime?)null)
                    .SetProperty(j => j.Attempts, j => j.Attempts - 1), cancellationToken);
            LogReleased(logger, job.Id, job.LockedBy);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Kind} {Id} done in {Milliseconds:F0} ms")]
    private static partial void LogJobDone(ILogger logger, string kind, Guid id, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {Id} failed; now {State}")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string kind, Guid id, JobState state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job worker {Worker} hit an error")]
    private static partial void LogWorkerError(ILogger logger, Exception exception, string worker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released job {Id} held by the dead process {Worker}")]
    private static partial void LogReleased(ILogger logger, Guid id, string worker);
}
