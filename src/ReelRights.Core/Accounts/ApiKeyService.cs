using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;

namespace ReelRights.Core.Accounts;

/// <summary>
/// API keys look like <c>rr_XXXXXXXXXXXX_secret</c>: the prefix finds the row, the SHA-256 of the
/// whole key is compared in constant time. Each request re-reads the row, so revocation is immediate.
/// </summary>
public sealed class ApiKeyService(ReelRightsDbContext db, AuditLog audit, TimeProvider time)
{
    private const string Scheme = "rr_";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IssuedApiKey> CreateAsync(Actor actor, string name, IEnumerable<string> permissions, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.KeysManage);
        var requested = Permissions.Parse(permissions);
        if (requested.Count == 0)
        {
            throw ReelRightsException.Invalid("no-permissions", "请至少选择一项权限。", "Choose at least one permission.");
        }
        var beyond = requested.Where(p => !actor.Has(p)).ToList();
        if (beyond.Count > 0)
        {
            throw ReelRightsException.Forbidden(
                $"密钥的权限不能超过你自己的权限：{string.Join(", ", beyond)}。",
                $"A key cannot hold permissions you do not have: {string.Join(", ", beyond)}.");
        }
        var prefix = Scheme + Secrets.NewToken(9).Replace('-', 'x').Replace('_', 'y');
        var secret = prefix + "_" + Secrets.NewToken();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = actor.OrganizationId,
            Name = AccountValidation.Name(name, "name", 100),
            Prefix = prefix,
            SecretHash = Secrets.Sha256Hex(secret),
            Permissions = string.Join(' ', requested),
            CreatedByUserId = actor.UserId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        audit.Record(actor, actor.OrganizationId, "api-key.created", key.Id.ToString(), $"{key.Name} [{key.Permissions}]");
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.KeysManage);
        return await db.ApiKeys.AsNoTracking().Where(k => k.OrganizationId == actor.OrganizationId)
            .OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<ApiKey> RevokeAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.KeysManage);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("密钥");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow().UtcDateTime;
            audit.Record(actor, actor.OrganizationId, "api-key.revoked", key.Id.ToString(), key.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
        return key;
    }

    /// <summary>The actor a presented key stands for, or null if the key is unknown, wrong or revoked.</summary>
    public async Task<Actor?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (presented.Length is <= 4 or > 200 || !presented.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }
        var separator = presented.IndexOf('_', Scheme.Length);
        if (separator <= Scheme.Length)
        {
            return null;
        }
        var prefix = presented[..separator];
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (key is null || key.RevokedAt is not null || !Secrets.HashMatches(presented, key.SecretHash))
        {
            return null;
        }
        var kind = await db.Organizations.Where(o => o.Id == key.OrganizationId).Select(o => o.Kind).FirstAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        var permissions = new HashSet<string>(key.Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return new Actor(key.OrganizationId, kind, null, key.Id, permissions);
    }
}
