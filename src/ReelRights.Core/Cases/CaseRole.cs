namespace ReelRights.Core.Cases;

/// <summary>The part someone plays in one case (an organization may be claimant in one, platform in another).</summary>
public enum CaseRole
{
    Claimant,
    Platform,
    Respondent,
    Mediator,
    Operator,
    /// <summary>The platform's clock, acting when a deadline passes.</summary>
    Clock,
}
