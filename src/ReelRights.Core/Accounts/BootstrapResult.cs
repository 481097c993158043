namespace ReelRights.Core.Accounts;

/// <summary>What first-run set-up did: nothing, created the configured operator, or issued a one-time setup token.</summary>
public sealed record BootstrapResult(bool CreatedOperator, string? SetupToken);
