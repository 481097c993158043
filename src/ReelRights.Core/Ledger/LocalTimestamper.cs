using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Data;

namespace ReelRights.Core.Ledger;

/// <summary>Time stamps from the platform's own TSA (the certificate made on first run).</summary>
internal sealed class LocalTimestamper(IServiceScopeFactory scopes, LedgerKeyring keyring) : ITimestamper, IDisposable
{
    // Signing is pure CPU. Left unbounded, a burst of appends keeps every core busy signing and
    // the ledger's commit loop waits for a core after each disk flush, so batches commit late and
    // throughput falls; one core stays free for the loop (and for requests).
    private readonly SemaphoreSlim signing = new(Math.Max(1, Environment.ProcessorCount - 1));

    public bool SignsInProcess => true;

    public async Task<byte[]> TimestampAsync(byte[] sha256, CancellationToken cancellationToken)
    {
        if (keyring.LoadedAuthority is { } loaded)
        {
            await signing.WaitAsync(cancellationToken);
            try
            {
                return loaded.CreateToken(sha256);
            }
            finally
            {
                signing.Release();
            }
        }
        await using var scope = scopes.CreateAsyncScope();
        var authority = await keyring.AuthorityAsync(scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>(), cancellationToken);
        return authority.CreateToken(sha256);
    }

    public void Dispose() => signing.Dispose();
}
