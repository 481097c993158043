namespace ReelRights.Core.Jobs;

/// <summary>Runs one kind of job. Thrown exceptions count as a failed attempt.</summary>
public interface IJobHandler
{
    string Kind { get; }

    Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken);
}

/// <summary>How a job attempt ended when it did not throw.</summary>
public enum JobOutcome
{
    Done,
    /// <summary>Not ready yet (waiting for another job); run again shortly, not counted as a failure.</summary>
    Postpone,
}

/// <summary>A failure that retrying cannot fix (bad input): the job goes straight to the dead letters.</summary>
public sealed class PermanentJobException(string message, Exception? inner = null) : Exception(message, inner);
