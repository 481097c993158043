namespace ReelRights.Core.Ledger;

/// <summary>A leaf: the canonical record bytes and their RFC 6962 leaf hash.</summary>
public sealed class LedgerEntry
{
    public long LeafIndex { get; set; }
    public required byte[] LeafHash { get; set; }
    public required byte[] Data { get; set; }
    public required string RecordType { get; set; }
    /// <summary>The organization the record is about, for listing its own entries; null for platform records.</summary>
    public Guid? OrganizationId { get; set; }
    /// <summary>RFC 3161 token over the leaf hash, kept beside the log rather than inside the hash chain.</summary>
    public byte[]? TimestampToken { get; set; }
    public DateTime CreatedAt { get; set; }
}
