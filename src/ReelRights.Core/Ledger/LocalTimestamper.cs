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

    /// <summary>Signing is CPU-bound (about 0.2 ms a token), so a batch is spread over all cores.</summary>
    public async Task<byte[][]> TimestampAllAsync(IReadOnlyList<byte[]> hashes, CancellationToken cancellationToken)
    {
        if (hashes.Count == 0)
        {
            return [];
        }
        var tokens = new byte[hashes.Count][];
        var first = 0;
        if (keyring.LoadedAuthority is null)
        {
            // The first token loads the authority from the database; the rest use it in parallel.
            tokens[0] = await TimestampAsync(hashes[0], cancellationToken);
            first = 1;
        }
        var authority = keyring.LoadedAuthority!;
        Parallel.For(first, hashes.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => tokens[i] = authority.CreateToken(hashes[i]));
        return tokens;
    }
}
