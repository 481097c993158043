namespace ReelRights.Core.Cases;

/// <summary>One legal move: from which states, to which, by whom, and the clocks it starts and stops.</summary>
public sealed record CaseTransition(
    CaseKind Kind,
    CaseAction Action,
    IReadOnlySet<CaseState> From,
    CaseState To,
    IReadOnlySet<CaseRole> By,
    ClockKind? Starts = null,
    CaseClosure? Closure = null)
{
    /// <summary>Clocks this move ends (any clock still running when the case leaves the states it was started in).</summary>
    public IReadOnlySet<ClockKind> Stops { get; init; } = new HashSet<ClockKind>();
}
