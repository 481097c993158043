namespace ReelRights.Core.Certificates;

/// <summary>
/// Everything a registration certificate (作品登记证书) shows, gathered by the caller from the work,
/// its registration and the ledger. A plain value so the layout can be rendered and tested without
/// a database; every string is shown as given (HTML-encoded), nothing is looked up.
/// </summary>
public sealed record CertificateModel
{
    public required string CertificateNumber { get; init; }
    public required string WorkCode { get; init; }
    public required string WorkTitle { get; init; }
    public required string WorkTypeZh { get; init; }
    public required string WorkTypeEn { get; init; }
    public required string OwnerName { get; init; }

    /// <summary>Shown in UTC and in China Standard Time (Asia/Shanghai, UTC+08:00).</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    public required long LeafIndex { get; init; }

    /// <summary>The ledger leaf hash as hex.</summary>
    public required string LeafHash { get; init; }

    /// <summary>Size of the signed checkpoint the leaf is included in.</summary>
    public required long CheckpointTreeSize { get; init; }

    /// <summary>The ledger's checkpoint origin line (the log's name).</summary>
    public required string LogOrigin { get; init; }

    public required IReadOnlyList<CertificateEpisode> Episodes { get; init; }
    public required IReadOnlyList<CertificateRight> Rights { get; init; }
    public required string AigcSummaryZh { get; init; }
    public required string AigcSummaryEn { get; init; }
    public required IReadOnlyList<CertificateDocument> Documents { get; init; }

    /// <summary>Absolute http(s) address where anyone can check the certificate; also the QR code's content.</summary>
    public required string VerificationUrl { get; init; }
}
