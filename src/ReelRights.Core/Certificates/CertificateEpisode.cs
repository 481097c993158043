namespace ReelRights.Core.Certificates;

/// <summary>One sealed episode as listed on a certificate: what identifies it and the digests that pin its content.</summary>
public sealed record CertificateEpisode(
    int Number,
    string Code,
    string Title,
    double DurationSeconds,
    string? MediaSha256,
    string? MediaSm3,
    string FingerprintDigest);
