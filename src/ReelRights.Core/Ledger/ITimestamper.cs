namespace ReelRights.Core.Ledger;

/// <summary>Obtains an RFC 3161 time-stamp token over a SHA-256 hash.</summary>
public interface ITimestamper
{
    Task<byte[]> TimestampAsync(byte[] sha256, CancellationToken cancellationToken);
}
