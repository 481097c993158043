namespace ReelRights.Core.Blobs;

/// <summary>A stored blob: its SHA-256 (lower-case hex, which is also its address), length and SM3 (GB/T 32905).</summary>
public sealed record BlobInfo(string Sha256, long Length, string Sm3);
