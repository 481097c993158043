namespace ReelRights.Core.Cases;

/// <summary>The statutory and contractual clocks a case can run.</summary>
public enum ClockKind
{
    /// <summary>
    /// After a counter-notice reaches the claimant: the reasonable period to complain or sue
    /// (Civil Code art. 1196; E-Commerce Law art. 43: 15 days; otherwise 20 working days by default).
    /// </summary>
    ComplaintPeriod,
    /// <summary>The claimant reviews a disputed screening claim: 30 days, then it is released.</summary>
    DisputeReview,
    /// <summary>The claimant answers an appeal: 7 days, then the claim is released.</summary>
    AppealReview,
    /// <summary>Apply for judicial confirmation of the settlement within 30 days (Civil Procedure Law art. 205); a reminder only.</summary>
    JudicialConfirmation,
}
