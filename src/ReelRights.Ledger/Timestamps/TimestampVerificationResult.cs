using System.Security.Cryptography.X509Certificates;

namespace ReelRights.Ledger.Timestamps;

/// <summary>Outcome of <see cref="TimestampVerifier.Verify"/>.</summary>
public sealed record TimestampVerificationResult
{
    /// <summary>The first check that failed, or null if the token is valid.</summary>
    public TimestampCheck? FailedCheck { get; init; }

    /// <summary>Why <see cref="FailedCheck"/> failed.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>genTime from the token, once it decoded.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The TSA certificate, once it was found.</summary>
    public X509Certificate2? SignerCertificate { get; init; }

    /// <summary>Whether trusted certificates were given, so <see cref="TimestampCheck.Chain"/> ran.</summary>
    public bool ChainChecked { get; init; }

    /// <summary>True when every check passed.</summary>
    public bool IsValid => FailedCheck is null;
}
