namespace ReelRights.Core.Cases;

/// <summary>
/// The one place that lists a case's states, its moves, who may make each and the clocks they
/// start. Notice cases follow Civil Code art. 1195–1196 and the Regulations on the Protection of
/// the Right of Communication through Information Network art. 14–17: notice → necessary
/// measures → forwarding → counter-notice → forwarding → complaint or suit within a reasonable
/// period, else the measures are lifted; mediation may be proposed along the way. Screening
/// disputes follow YouTube Content ID's dispute (30 days) and appeal (7 days), where silence
/// releases the claim. Any move not listed is refused.
/// </summary>
public static class CaseWorkflow
{
    private static readonly CaseState[] NoticeOpenStates =
    [
        CaseState.Open, CaseState.NoticeSent, CaseState.MeasuresTaken, CaseState.NoticeRejected, CaseState.CounterNoticeSubmitted,
        CaseState.CounterNoticeForwarded, CaseState.ComplaintFiled, CaseState.MeasuresToBeLifted, CaseState.MediationProposed,
        CaseState.InMediation,
    ];

    private static readonly HashSet<ClockKind> AllClocks = [.. Enum.GetValues<ClockKind>()];

    /// <summary>Every move, in the order a case usually takes them.</summary>
    public static IReadOnlyList<CaseTransition> Transitions { get; } =
    [
        Move(CaseKind.Notice, CaseAction.SendNotice, [CaseState.Open], CaseState.NoticeSent, [CaseRole.Claimant]),
        Move(CaseKind.Notice, CaseAction.RecordMeasure, [CaseState.NoticeSent, CaseState.MeasuresTaken], CaseState.MeasuresTaken, [CaseRole.Platform, CaseRole.Operator]),
        Move(CaseKind.Notice, CaseAction.RejectNotice, [CaseState.NoticeSent], CaseState.NoticeRejected, [CaseRole.Platform, CaseRole.Operator]),
        Move(CaseKind.Notice, CaseAction.ForwardToRespondent, [CaseState.MeasuresTaken], CaseState.MeasuresTaken, [CaseRole.Platform, CaseRole.Operator]),
        Move(CaseKind.Notice, CaseAction.SubmitCounterNotice, [CaseState.MeasuresTaken], CaseState.CounterNoticeSubmitted, [CaseRole.Respondent]),
        Move(CaseKind.Notice, CaseAction.ForwardCounterNotice, [CaseState.CounterNoticeSubmitted], CaseState.CounterNoticeForwarded,
            [CaseRole.Platform, CaseRole.Operator], starts: ClockKind.ComplaintPeriod),
        Move(CaseKind.Notice, CaseAction.RecordComplaint, [CaseState.CounterNoticeForwarded], CaseState.ComplaintFiled, [CaseRole.Claimant],
            stops: [ClockKind.ComplaintPeriod]),
        Move(CaseKind.Notice, CaseAction.ComplaintPeriodExpired, [CaseState.CounterNoticeForwarded], CaseState.MeasuresToBeLifted, [CaseRole.Clock],
            stops: [ClockKind.ComplaintPeriod]),
        Move(CaseKind.Notice, CaseAction.LiftMeasures, [CaseState.MeasuresToBeLifted], CaseState.MeasuresLifted, [CaseRole.Platform, CaseRole.Operator]),
        // Not while the reasonable period runs: the claimant first complains (or lets it pass).
        Move(CaseKind.Notice, CaseAction.ProposeMediation,
            [CaseState.NoticeSent, CaseState.MeasuresTaken, CaseState.NoticeRejected, CaseState.CounterNoticeSubmitted, CaseState.ComplaintFiled],
            CaseState.MediationProposed, [CaseRole.Claimant, CaseRole.Respondent]),
        Move(CaseKind.Notice, CaseAction.AcceptMediation, [CaseState.MediationProposed], CaseState.InMediation, [CaseRole.Mediator]),
        // Signing keeps the case in mediation; the settle move needs both signatures (SettlementAgreements.Signers).
        Move(CaseKind.Notice, CaseAction.SignAgreement, [CaseState.InMediation], CaseState.InMediation,
            [CaseRole.Claimant, CaseRole.Respondent, CaseRole.Platform]),
        Move(CaseKind.Notice, CaseAction.Settle, [CaseState.InMediation], CaseState.Settled, [CaseRole.Mediator], starts: ClockKind.JudicialConfirmation),
        Move(CaseKind.Notice, CaseAction.FailMediation, [CaseState.MediationProposed, CaseState.InMediation], CaseState.Closed, [CaseRole.Mediator],
            closure: CaseClosure.MediationFailed),
        Move(CaseKind.Notice, CaseAction.CloseSettled, [CaseState.Settled], CaseState.Closed, [CaseRole.Mediator, CaseRole.Claimant],
            closure: CaseClosure.Settled),
        Move(CaseKind.Notice, CaseAction.ReferToCourt,
            [CaseState.NoticeRejected, CaseState.ComplaintFiled, CaseState.MediationProposed, CaseState.InMediation, CaseState.MeasuresToBeLifted],
            CaseState.Closed, [CaseRole.Claimant], closure: CaseClosure.ReferredToCourt, stops: AllClocks),
        Move(CaseKind.Notice, CaseAction.Withdraw, NoticeOpenStates, CaseState.Closed, [CaseRole.Claimant], closure: CaseClosure.Withdrawn, stops: AllClocks),

        Move(CaseKind.ScreeningDispute, CaseAction.UpholdClaim, [CaseState.Disputed], CaseState.ClaimUpheld, [CaseRole.Claimant],
            stops: [ClockKind.DisputeReview]),
        Move(CaseKind.ScreeningDispute, CaseAction.ReleaseClaim, [CaseState.Disputed, CaseState.ClaimUpheld, CaseState.Appealed], CaseState.ClaimReleased,
            [CaseRole.Claimant], stops: AllClocks),
        Move(CaseKind.ScreeningDispute, CaseAction.Appeal, [CaseState.ClaimUpheld], CaseState.Appealed, [CaseRole.Respondent, CaseRole.Platform],
            starts: ClockKind.AppealReview),
        Move(CaseKind.ScreeningDispute, CaseAction.TakeDown, [CaseState.Appealed], CaseState.TakenDown, [CaseRole.Claimant], stops: AllClocks),
        Move(CaseKind.ScreeningDispute, CaseAction.ReviewPeriodExpired, [CaseState.Disputed, CaseState.Appealed], CaseState.ClaimReleased, [CaseRole.Clock],
            stops: AllClocks),
    ];

    /// <summary>The state a new case of <paramref name="kind"/> starts in, and the clock it starts.</summary>
    public static (CaseState State, ClockKind? Starts) Initial(CaseKind kind) => kind switch
    {
        CaseKind.Notice => (CaseState.Open, null),
        _ => (CaseState.Disputed, ClockKind.DisputeReview),
    };

    /// <summary>What the clock does when <paramref name="clock"/> runs out (null: it only reminds).</summary>
    public static CaseAction? OnExpiry(ClockKind clock) => clock switch
    {
        ClockKind.ComplaintPeriod => CaseAction.ComplaintPeriodExpired,
        ClockKind.DisputeReview or ClockKind.AppealReview => CaseAction.ReviewPeriodExpired,
        _ => null,
    };

    public static bool IsTerminal(CaseState state) =>
        state is CaseState.Closed or CaseState.MeasuresLifted or CaseState.ClaimReleased or CaseState.TakenDown;

    /// <summary>The moves open to <paramref name="roles"/> in <paramref name="state"/> (what the case page offers).</summary>
    public static IEnumerable<CaseTransition> Available(CaseKind kind, CaseState state, IReadOnlySet<CaseRole> roles) =>
        Transitions.Where(t => t.Kind == kind && t.From.Contains(state) && t.By.Overlaps(roles));

    /// <summary>
    /// The move <paramref name="action"/> from <paramref name="state"/> for someone holding
    /// <paramref name="roles"/>; a move the state does not allow is a conflict (409), one the
    /// roles do not allow is forbidden (403). Both name the state and the move.
    /// </summary>
    public static CaseTransition Resolve(CaseKind kind, CaseState state, CaseAction action, IReadOnlySet<CaseRole> roles)
    {
        var candidates = Transitions.Where(t => t.Kind == kind && t.Action == action).ToList();
        var legal = candidates.FirstOrDefault(t => t.From.Contains(state));
        if (legal is null)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "illegal-transition",
                $"案件当前状态为“{CaseText.State(state).Zh}”，不能执行“{CaseText.Action(action).Zh}”。",
                $"The case is {CaseText.State(state).En}; \"{CaseText.Action(action).En}\" is not possible now.");
        }
        if (!legal.By.Overlaps(roles))
        {
            throw ReelRightsException.Forbidden(
                $"“{CaseText.Action(action).Zh}”只能由{string.Join("、", legal.By.Select(r => CaseText.Role(r).Zh))}执行。",
                $"\"{CaseText.Action(action).En}\" can only be done by the {string.Join(" or ", legal.By.Select(r => CaseText.Role(r).En))}.");
        }
        return legal;
    }

    private static CaseTransition Move(CaseKind kind, CaseAction action, CaseState[] from, CaseState to, CaseRole[] by,
        ClockKind? starts = null, CaseClosure? closure = null, IEnumerable<ClockKind>? stops = null) =>
        new(kind, action, new HashSet<CaseState>(from), to, new HashSet<CaseRole>(by), starts, closure)
        {
            Stops = new HashSet<ClockKind>(stops ?? []),
        };
}
