namespace ReelRights.Core.Blobs;

public sealed class BlobStoreOptions
{
    /// <summary>Folder holding the blobs; defaults to <c>{DataDirectory}/blobs</c>.</summary>
    public required string Root { get; init; }
}
