namespace ReelRights.Core.Cases;

/// <summary>The moves a party (or the clock) can make on a case.</summary>
public enum CaseAction
{
    SendNotice,
    RecordMeasure,
    RejectNotice,
    ForwardToRespondent,
    SubmitCounterNotice,
    ForwardCounterNotice,
    RecordComplaint,
    /// <summary>The clock: the reasonable period after a forwarded counter-notice passed.</summary>
    ComplaintPeriodExpired,
    LiftMeasures,
    ProposeMediation,
    AcceptMediation,
    /// <summary>A party signs the settlement agreement (the exact PDF's SHA-256 and SM3 are sealed).</summary>
    SignAgreement,
    Settle,
    FailMediation,
    ReferToCourt,
    Withdraw,
    CloseSettled,
    Dispute,
    ReleaseClaim,
    UpholdClaim,
    Appeal,
    TakeDown,
    /// <summary>The clock: the claimant did not answer a dispute or an appeal in time.</summary>
    ReviewPeriodExpired,
}
