namespace ReelRights.Core.Cases;

/// <summary>A running or finished clock of a case.</summary>
public sealed class CaseDeadline
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public ClockKind Clock { get; set; }
    /// <summary>The rule it was computed with, in words (e.g. "20 个工作日 / 20 working days").</summary>
    public string Rule { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime? RemindAt { get; set; }
    public DateTime? RemindedAt { get; set; }
    public DeadlineState State { get; set; }
    public DateTime? EndedAt { get; set; }
}

public enum DeadlineState
{
    Running,
    /// <summary>Stopped by a move before it ran out (a complaint filed, a claim released…).</summary>
    Stopped,
    Expired,
}
