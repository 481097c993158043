namespace ReelRights.Core.Cases.Notice;

/// <summary>What a notice (通知, Civil Code art. 1195; Regulations art. 14) states.</summary>
public sealed record CaseNoticeModel
{
    public required string CaseNumber { get; init; }
    public required DateTime SentAt { get; init; }
    public required string ClaimantName { get; init; }
    public required string ClaimantContact { get; init; }
    public required string PlatformName { get; init; }
    public required string WorkTitle { get; init; }
    public required string WorkCode { get; init; }
    /// <summary>Sealed registrations of the work: certificate number, ledger entry and verification link.</summary>
    public required IReadOnlyList<NoticeRegistration> Registrations { get; init; }
    public required IReadOnlyList<NoticeLocation> Locations { get; init; }
}

public sealed record NoticeRegistration(string CertificateNumber, long? LedgerIndex, string VerifyUrl);

/// <summary>One infringing place: where, which seconds of the copy reproduce which seconds of the registered episode, and its evidence.</summary>
public sealed record NoticeLocation(string Url, string? PlatformItemId, double CopiedSeconds, IReadOnlyList<NoticeSpan> Spans, long? EvidenceLedgerIndex,
    string? EvidenceSha256);

public sealed record NoticeSpan(double CopyStart, double CopyEnd, double ReferenceStart, double ReferenceEnd);
