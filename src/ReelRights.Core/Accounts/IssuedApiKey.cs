namespace ReelRights.Core.Accounts;

/// <summary>A newly created key with its secret, which is shown once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);
