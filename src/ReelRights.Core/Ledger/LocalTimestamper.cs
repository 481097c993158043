using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Data;

namespace ReelRights.Core.Ledger;

/// <summary>Time stamps from the platform's own TSA (the certificate made on first run).</summary>
internal sealed class LocalTimestamper(IServiceScopeFactory scopes, LedgerKeyring keyring) : ITimestamper
{
    public async Task<byte[]> TimestampAsync(byte[] sha256, CancellationToken cancellationToken)
    {
        if (keyring.LoadedAuthority is { } loaded)
        {
            return loaded.CreateToken(sha256);
        }
        await using var scope = scopes.CreateAsyncScope();
        var authority = await keyring.AuthorityAsync(scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>(), cancellationToken);
        return authority.CreateToken(sha256);
    }
}
