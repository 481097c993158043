namespace ReelRights.Core.Cases.Notice;

/// <summary>
/// What a notice (通知, Civil Code art. 1195; Regulations art. 14) states. One notice covers one
/// or more cases of one claimant against one platform, one case per work, so a rights holder with
/// hits on ten works sends the platform one notice, not ten.
/// </summary>
public sealed record CaseNoticeModel
{
    public required DateTime SentAt { get; init; }
    public required string ClaimantName { get; init; }
    public required string ClaimantContact { get; init; }
    public required string PlatformName { get; init; }
    /// <summary>The works claimed, each with its case: at least one.</summary>
    public required IReadOnlyList<NoticeWork> Works { get; init; }

    /// <summary>The case numbers the notice covers, in the order listed.</summary>
    public IEnumerable<string> CaseNumbers => Works.Select(w => w.CaseNumber);
}

/// <summary>One work claimed in a notice: its case, its sealed registrations and every infringing place.</summary>
public sealed record NoticeWork(string CaseNumber, string Title, string Code, IReadOnlyList<NoticeRegistration> Registrations,
    IReadOnlyList<NoticeLocation> Locations);

public sealed record NoticeRegistration(string CertificateNumber, long? LedgerIndex, string VerifyUrl);

/// <summary>One infringing place: where, which seconds of the copy reproduce which seconds of the registered episode, and its evidence.</summary>
public sealed record NoticeLocation(string Url, string? PlatformItemId, double CopiedSeconds, IReadOnlyList<NoticeSpan> Spans, long? EvidenceLedgerIndex,
    string? EvidenceSha256);

public sealed record NoticeSpan(double CopyStart, double CopyEnd, double ReferenceStart, double ReferenceEnd);
