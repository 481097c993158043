namespace ReelRights.Core.Evidence;

/// <summary>An evidence capture (取证) of one hit: requested, captured as a recorded session, sealed as a zip.</summary>
public sealed class EvidenceBundle
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid HitId { get; set; }
    public EvidenceState State { get; set; }
    public long? LeafIndex { get; set; }
    /// <summary>SHA-256 of the zip, which is also its blob address.</summary>
    public string? BundleSha256 { get; set; }
    public string? Error { get; set; }
    public Guid? RequestedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SealedAt { get; set; }
}

public enum EvidenceState
{
    Capturing,
    Sealed,
    Failed,
}
