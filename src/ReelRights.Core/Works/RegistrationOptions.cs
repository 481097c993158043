namespace ReelRights.Core.Works;

/// <summary>Limits on what registration accepts (configuration section <c>Registration</c>).</summary>
public sealed class RegistrationOptions
{
    public long MaxMediaBytes { get; set; } = 8L << 30;
    public double MaxDurationSeconds { get; set; } = 4 * 3600;
    public long MaxDocumentBytes { get; set; } = 200L << 20;
    public long MaxFingerprintBytes { get; set; } = 256L << 20;

    /// <summary>The address people reach this server at; certificate QR codes lead to its /verify page.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Files at least this large are uploaded by the web UI in resumable chunks (a quarter of this each, 64 KiB–8 MiB).</summary>
    public long ResumableUploadBytes { get; set; } = 32L << 20;

    /// <summary>How long a chunk waits for an earlier request on the same upload (e.g. one whose connection dropped) to let go before the answer is "busy".</summary>
    public TimeSpan UploadLockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest file the public verification page accepts (a receipt, a certificate PDF or media).</summary>
    public long MaxVerifyBytes { get; set; } = 2L << 30;
}

public sealed record WorkSummary(Work Work, int EpisodeCount, RegistrationState? LatestState, string? CertificateNumber);

public sealed record CreateWorkRequest(string Title, WorkType Type, string? Language = null, string? Description = null, AigcDeclaration? Aigc = null);
