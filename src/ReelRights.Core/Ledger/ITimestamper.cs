namespace ReelRights.Core.Ledger;

/// <summary>Obtains an RFC 3161 time-stamp token over a SHA-256 hash.</summary>
public interface ITimestamper
{
    Task<byte[]> TimestampAsync(byte[] sha256, CancellationToken cancellationToken);

    /// <summary>
    /// True when tokens are signed in this process (pure CPU, worth a few dedicated workers);
    /// false when they are fetched, where each caller waits on its own request.
    /// </summary>
    bool SignsInProcess => false;
}
