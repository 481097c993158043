namespace ReelRights.Server.Api.Accounts;

/// <summary>The response to creating a key: the only time <see cref="Key"/> is shown.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto ApiKey, string Key);
