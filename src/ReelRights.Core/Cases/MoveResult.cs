namespace ReelRights.Core.Cases;

/// <summary>The case after a move, the step recorded, and a respondent link when one was issued (shown once).</summary>
public sealed record MoveResult(EnforcementCase Case, CaseEvent Step, string? RespondentToken);
