using System.Buffers;
using Org.BouncyCastle.Crypto.Digests;

namespace ReelRights.Ledger.Records;

/// <summary>
/// SM3 (GB/T 32905-2016, the Chinese national hash standard), recorded beside SHA-256 so that
/// registrations can be checked with tools certified under the national commercial crypto rules.
/// </summary>
public static class Sm3
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashSize = 32;

    private const int StreamBufferSize = 81920;

    // The digest's state is reset by DoFinal, so one per thread serves every one-shot hash.
    [ThreadStatic]
    private static SM3Digest? t_digest;

    /// <summary>Hashes a span.</summary>
    /// <param name="data">Bytes to hash.</param>
    /// <returns>The 32-byte digest.</returns>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var digest = t_digest ??= new SM3Digest();

        // The digest is fed arrays: the input goes through a pooled array.
        var input = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            data.CopyTo(input);
            digest.BlockUpdate(input, 0, data.Length);
            var result = new byte[HashSize];
            digest.DoFinal(result, 0);
            return result;
        }
        finally
        {
            digest.Reset();
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>Hashes a stream from its current position to its end.</summary>
    /// <param name="stream">Readable stream; not disposed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The 32-byte digest.</returns>
    public static async ValueTask<byte[]> HashDataAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var digest = new SM3Digest();
        var buffer = new byte[StreamBufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            digest.BlockUpdate(buffer, 0, read);
        }

        var result = new byte[HashSize];
        digest.DoFinal(result, 0);
        return result;
    }
}
