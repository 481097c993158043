namespace ReelRights.Core.Blobs;

/// <summary>Content-addressed storage: a blob's name is the SHA-256 of its bytes.</summary>
public interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the store, hashing as it goes. Fails with a typed
    /// error, storing nothing, if it is longer than <paramref name="maxLength"/>.
    /// </summary>
    Task<BlobInfo> PutAsync(Stream content, long maxLength, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading, or returns null if it is not stored.</summary>
    Stream? OpenRead(string sha256);

    bool Exists(string sha256);

    /// <summary>The blob as a local file (for tools such as ffmpeg that read paths), or null.</summary>
    string? LocalPath(string sha256);

    /// <summary>Removes a blob; returns false if it was not stored.</summary>
    bool Delete(string sha256);
}
