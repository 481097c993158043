using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ReelRights.Ledger.Timestamps;

/// <summary>Creates certificates a <see cref="TimestampAuthority"/> can sign with.</summary>
public static class TimestampCertificates
{
    /// <summary>
    /// Creates a self-signed ECDSA P-256 TSA certificate with the extended key usage RFC 3161 §2.3
    /// demands: exactly one EKU extension, critical, holding only id-kp-timeStamping.
    /// </summary>
    /// <param name="subjectName">Distinguished name, e.g. "CN=ReelRights TSA, O=Example".</param>
    /// <param name="timeProvider">Clock for the validity period.</param>
    /// <param name="validity">How long the certificate is valid from now.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 CreateSelfSigned(string subjectName, TimeProvider timeProvider, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(subjectName);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CreateRequest(new X500DistinguishedName(subjectName), key);
        var now = timeProvider.GetUtcNow();

        // Back-date slightly so a token issued in the same second by a clock that is a little
        // behind still falls inside the validity period.
        return request.CreateSelfSigned(now.AddMinutes(-5), now + validity);
    }

    /// <summary>Builds a certificate request with the TSA extensions, for issuing by a CA.</summary>
    /// <param name="subjectName">Distinguished name of the TSA.</param>
    /// <param name="key">The TSA's signing key.</param>
    /// <returns>A request with basic constraints (not a CA), digitalSignature key usage and the critical timeStamping EKU.</returns>
    public static CertificateRequest CreateRequest(X500DistinguishedName subjectName, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(subjectName);
        ArgumentNullException.ThrowIfNull(key);
        var request = new CertificateRequest(subjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(TimestampOids.TimeStampingUsage)], critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }
}
