namespace ReelRights.Server.Api.Cases;

/// <summary>The case after a move and the step recorded; <c>respondentLink</c> (shown once) when the notice was forwarded.</summary>
public sealed record MoveResultDto(CaseSummaryDto Case, CaseStepDto Step, string? RespondentLink);
