namespace ReelRights.Server.Api.Accounts;

public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Permissions);
