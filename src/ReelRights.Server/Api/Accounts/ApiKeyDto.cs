using ReelRights.Core.Accounts;

namespace ReelRights.Server.Api.Accounts;

/// <summary>A key as listed: never the secret.</summary>
public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, IReadOnlyList<string> Permissions, DateTime CreatedAt,
    DateTime? RevokedAt, DateTime? LastUsedAt)
{
    public static ApiKeyDto From(ApiKey k) => new(k.Id, k.Name, k.Prefix,
        k.Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries), k.CreatedAt, k.RevokedAt, k.LastUsedAt);
}
