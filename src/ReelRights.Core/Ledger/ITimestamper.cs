namespace ReelRights.Core.Ledger;

/// <summary>Obtains an RFC 3161 time-stamp token over a SHA-256 hash.</summary>
public interface ITimestamper
{
    Task<byte[]> TimestampAsync(byte[] sha256, CancellationToken cancellationToken);

    /// <summary>Time-stamps several hashes; implementations may work in parallel.</summary>
    async Task<byte[][]> TimestampAllAsync(IReadOnlyList<byte[]> hashes, CancellationToken cancellationToken) =>
        await Task.WhenAll(hashes.Select(h => TimestampAsync(h, cancellationToken)));
}
