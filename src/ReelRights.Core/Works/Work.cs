namespace ReelRights.Core.Works;

/// <summary>A registered work (作品): a series with its episodes, or a single piece.</summary>
public sealed class Work
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public WorkType Type { get; set; }
    public string Language { get; set; } = "zh";
    public string? Description { get; set; }
    /// <summary>The owner's AIGC declaration as canonical JSON (see <see cref="AigcDeclaration"/>).</summary>
    public string AigcDeclaration { get; set; } = "{}";
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One episode (分集) of a work: uploaded media or a fingerprint made on the owner's machine.</summary>
public sealed class Episode
{
    public Guid Id { get; set; }
    public Guid WorkId { get; set; }
    public Guid OrganizationId { get; set; }
    public int Number { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public EpisodeSource Source { get; set; }
    public string? FileName { get; set; }
    public long? MediaSize { get; set; }
    public string? MediaSha256 { get; set; }
    public string? MediaSm3 { get; set; }
    public double? DurationSeconds { get; set; }
    /// <summary>SHA-256 of the episode's .rrfp bytes (stored in the blob store under that name).</summary>
    public string? FingerprintSha256 { get; set; }
    public EpisodeState State { get; set; }
    public double Progress { get; set; }
    public string? Error { get; set; }
    /// <summary>What the media itself says about AI generation (GB 45438 labels, C2PA), as JSON.</summary>
    public string? AigcFindings { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum EpisodeSource
{
    Media,
    Fingerprint,
}

public enum EpisodeState
{
    /// <summary>Waiting for the background fingerprint job.</summary>
    Queued,
    Fingerprinting,
    Ready,
    Failed,
}

/// <summary>A right in the chain of title (权利链): who holds it, where and for how long.</summary>
public sealed class WorkRight
{
    public Guid Id { get; set; }
    public Guid WorkId { get; set; }
    public RightKind Right { get; set; }
    public string Holder { get; set; } = "";
    public string Territory { get; set; } = "";
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public bool Exclusive { get; set; }
    public string? Note { get; set; }
}

/// <summary>A supporting document (adaptation license, screenplay, releases…), stored and hashed.</summary>
public sealed class WorkDocument
{
    public Guid Id { get; set; }
    public Guid WorkId { get; set; }
    public DocumentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string Sm3 { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One submission of a work's episodes for sealing. It is checked against every registered work
/// first; a conflict with another organization's earlier registration holds it for an operator.
/// </summary>
public sealed class Registration
{
    public Guid Id { get; set; }
    public Guid WorkId { get; set; }
    public Guid OrganizationId { get; set; }
    public RegistrationState State { get; set; }
    /// <summary>JSON array of the episode ids this registration seals.</summary>
    public string EpisodeIds { get; set; } = "[]";
    /// <summary>JSON array of what the conflict check found (see <see cref="RegistrationConflict"/>).</summary>
    public string Conflicts { get; set; } = "[]";
    public string? CertificateNumber { get; set; }
    public long? LeafIndex { get; set; }
    public string? CertificatePdfSha256 { get; set; }
    public Guid? SubmittedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SealedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
}

public enum RegistrationState
{
    /// <summary>Waiting for fingerprints and the conflict check.</summary>
    Checking,
    /// <summary>Matches another organization's earlier registration: an operator decides.</summary>
    NeedsReview,
    Sealed,
    Rejected,
}

/// <summary>Rights of the PRC Copyright Law art. 10 that a micro-drama's chain of title usually names.</summary>
public enum RightKind
{
    /// <summary>信息网络传播权</summary>
    Communication,
    /// <summary>改编权</summary>
    Adaptation,
    /// <summary>复制权</summary>
    Reproduction,
    /// <summary>发行权</summary>
    Distribution,
    /// <summary>翻译权</summary>
    Translation,
    /// <summary>表演权 / 表演者权</summary>
    Performance,
    /// <summary>配音 (voice) rights</summary>
    Dubbing,
    /// <summary>广播权</summary>
    Broadcasting,
    /// <summary>摄制权</summary>
    Filming,
}

public enum DocumentKind
{
    /// <summary>原著改编授权</summary>
    AdaptationLicense,
    /// <summary>剧本</summary>
    Screenplay,
    /// <summary>制作合同</summary>
    ProductionAgreement,
    /// <summary>演员/配音授权</summary>
    PerformerRelease,
    /// <summary>音乐授权</summary>
    MusicLicense,
    /// <summary>AIGC 创作过程记录</summary>
    CreationLog,
    Other,
}
