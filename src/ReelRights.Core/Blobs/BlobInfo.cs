namespace ReelRights.Core.Blobs;

/// <summary>A stored blob: its SHA-256 (lower-case hex, which is also its address) and length.</summary>
public sealed record BlobInfo(string Sha256, long Length);
