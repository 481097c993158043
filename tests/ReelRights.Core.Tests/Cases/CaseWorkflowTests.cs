using ReelRights.Core.Cases;

namespace ReelRights.Core.Tests.Cases;

/// <summary>The state machine as a whole: no dead ends, no way out of an end, typed refusals.</summary>
public sealed class CaseWorkflowTests
{
    [Theory]
    [InlineData(CaseKind.Notice)]
    [InlineData(CaseKind.ScreeningDispute)]
    public void EveryReachableState_EitherEndsOrHasAMove(CaseKind kind)
    {
        var reached = new HashSet<CaseState> { CaseWorkflow.Initial(kind).State };
        var frontier = new Queue<CaseState>(reached);
        while (frontier.TryDequeue(out var state))
        {
            foreach (var t in CaseWorkflow.Transitions.Where(t => t.Kind == kind && t.From.Contains(state)))
            {
                if (reached.Add(t.To))
                {
                    frontier.Enqueue(t.To);
                }
            }
        }

        foreach (var state in reached)
        {
            var moves = CaseWorkflow.Transitions.Count(t => t.Kind == kind && t.From.Contains(state));
            if (CaseWorkflow.IsTerminal(state))
            {
                moves.ShouldBe(0, $"{state} is an end but has moves");
            }
            else
            {
                moves.ShouldBeGreaterThan(0, $"{state} is a dead end");
            }
        }
        reached.Count(CaseWorkflow.IsTerminal).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void EveryClockThatActs_HasAMoveMadeByTheClock()
    {
        foreach (var clock in Enum.GetValues<ClockKind>())
        {
            if (CaseWorkflow.OnExpiry(clock) is { } action)
            {
                CaseWorkflow.Transitions.Where(t => t.Action == action).ShouldAllBe(t => t.By.Contains(CaseRole.Clock));
            }
        }
        CaseWorkflow.Transitions.Where(t => t.By.Contains(CaseRole.Clock)).ShouldAllBe(t => t.By.Count == 1);
    }

    [Fact]
    public void Resolve_MoveNotAllowedInState_IsAConflictNamingBoth()
    {
        var error = Should.Throw<ReelRightsException>(() =>
            CaseWorkflow.Resolve(CaseKind.Notice, CaseState.Open, CaseAction.SubmitCounterNotice, new HashSet<CaseRole> { CaseRole.Respondent }));

        error.Kind.ShouldBe(ErrorKind.Conflict);
        error.Code.ShouldBe("illegal-transition");
        error.MessageZh.ShouldContain("待发送通知");
        error.MessageEn.ShouldContain("submit a counter-notice");
    }

    [Fact]
    public void Resolve_WrongRole_IsForbiddenNamingWhoMay()
    {
        var error = Should.Throw<ReelRightsException>(() =>
            CaseWorkflow.Resolve(CaseKind.Notice, CaseState.NoticeSent, CaseAction.RecordMeasure, new HashSet<CaseRole> { CaseRole.Claimant }));

        error.Kind.ShouldBe(ErrorKind.Forbidden);
        error.MessageEn.ShouldContain("platform");
    }

    [Fact]
    public void Resolve_ClockMoves_CannotBeMadeByAParty()
    {
        Should.Throw<ReelRightsException>(() => CaseWorkflow.Resolve(CaseKind.Notice, CaseState.CounterNoticeForwarded,
            CaseAction.ComplaintPeriodExpired, new HashSet<CaseRole> { CaseRole.Platform, CaseRole.Operator, CaseRole.Claimant })).Kind.ShouldBe(ErrorKind.Forbidden);
    }
}
