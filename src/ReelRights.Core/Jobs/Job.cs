namespace ReelRights.Core.Jobs;

/// <summary>
/// A unit of background work in the database queue: it survives restarts, is retried with
/// backoff, can be cancelled, reports progress, and ends as done or dead (a dead letter kept for
/// the operator, with its last error).
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public Guid? OrganizationId { get; set; }
    public JobState State { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; }
    public DateTime RunAfter { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public double Progress { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum JobState
{
    Queued,
    Running,
    Done,
    Dead,
    Cancelled,
}
