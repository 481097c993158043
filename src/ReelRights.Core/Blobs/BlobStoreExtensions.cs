namespace ReelRights.Core.Blobs;

public static class BlobStoreExtensions
{
    /// <summary>A stored blob's bytes; a blob that should be there and is not is <paramref name="missing"/>.</summary>
    public static async Task<byte[]> ReadAllBytesAsync(this IBlobStore blobs, string sha256, Func<ReelRightsException> missing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(missing);
        await using var stored = blobs.OpenRead(sha256) ?? throw missing();
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
