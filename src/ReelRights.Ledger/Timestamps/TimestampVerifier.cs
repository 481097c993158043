using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;

namespace ReelRights.Ledger.Timestamps;

/// <summary>Verifies RFC 3161 time-stamp tokens over a SHA-256 hash, step by step (see <see cref="TimestampCheck"/>).</summary>
public static class TimestampVerifier
{
    private const string EnhancedKeyUsageOid = "2.5.29.37";

    /// <summary>Verifies a token.</summary>
    /// <param name="token">DER TimeStampToken.</param>
    /// <param name="expectedSha256">The hash the token must cover (for receipts: the leaf hash).</param>
    /// <param name="trustedCertificates">
    /// Trust anchors (a TSA certificate pinned directly, or a CA above it). When null or empty the
    /// chain check is not run and the caller decides whether the TSA is acceptable.
    /// </param>
    /// <returns>The first failing check, or success with genTime and the signer certificate.</returns>
    public static TimestampVerificationResult Verify(
        ReadOnlySpan<byte> token,
        ReadOnlySpan<byte> expectedSha256,
        IReadOnlyCollection<X509Certificate2>? trustedCertificates = null)
    {
        var trusted = trustedCertificates ?? [];
        var chainChecked = trusted.Count > 0;

        if (!TryDecode(token, out var cms, out var info))
        {
            return Fail(TimestampCheck.Imprint, "The token is not a single-signer RFC 3161 TimeStampToken.", null, null, chainChecked);
        }

        var time = info.Timestamp;
        if (info.HashAlgorithmId.Value != TimestampOids.Sha256 || !info.GetMessageHash().Span.SequenceEqual(expectedSha256))
        {
            return Fail(TimestampCheck.Imprint, "The token's message imprint is not the expected SHA-256 hash.", time, null, chainChecked);
        }

        var signerInfo = cms.SignerInfos[0];
        X509Certificate2? certificate;
        try
        {
            certificate = signerInfo.Certificate ?? FindSigner(signerInfo.SignerIdentifier, trusted);
        }
        catch (CryptographicException ex)
        {
            // A damaged certificate inside the token only surfaces when it is first read.
            return Fail(TimestampCheck.Signature, $"The token's embedded certificate is damaged: {ex.Message}", time, null, chainChecked);
        }

        if (certificate is null)
        {
            return Fail(TimestampCheck.Signature, "The token carries no signer certificate and none of the trusted ones matches.", time, null, chainChecked);
        }

        try
        {
            signerInfo.CheckSignature([certificate], verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            return Fail(TimestampCheck.Signature, $"The token signature is invalid: {ex.Message}", time, certificate, chainChecked);
        }

        if (!HasOnlyTimeStampingUsage(certificate))
        {
            return Fail(TimestampCheck.Certificate, "RFC 3161 §2.3: the TSA certificate lacks a single critical timeStamping EKU.", time, certificate, chainChecked);
        }

        // .NET's own RFC 3161 check adds the ESSCertID(v2) binding and the validity period at genTime.
        var bound = Rfc3161TimestampToken.TryDecode(token.ToArray(), out var parsed, out _)
            && parsed.VerifySignatureForHash(expectedSha256, HashAlgorithmName.SHA256, out _, [certificate]);
        if (!bound)
        {
            return Fail(TimestampCheck.Certificate, "The token does not name its signer certificate (ESSCertID) or the certificate was not valid at genTime.", time, certificate, chainChecked);
        }

        if (chainChecked && !ChainsToTrusted(certificate, cms.Certificates, trusted, time))
        {
            return Fail(TimestampCheck.Chain, "The TSA certificate does not chain to a trusted certificate.", time, certificate, chainChecked);
        }

        return new TimestampVerificationResult { Timestamp = time, SignerCertificate = certificate, ChainChecked = chainChecked };
    }

    /// <summary>RFC 3161 §2.3: exactly one EKU extension, critical, whose only purpose is id-kp-timeStamping.</summary>
    internal static bool HasOnlyTimeStampingUsage(X509Certificate2 certificate)
    {
        var ekus = certificate.Extensions.Where(e => e.Oid?.Value == EnhancedKeyUsageOid).ToArray();
        if (ekus.Length != 1 || !ekus[0].Critical)
        {
            return false;
        }

        try
        {
            var usages = new X509EnhancedKeyUsageExtension(ekus[0], ekus[0].Critical).EnhancedKeyUsages;
            return usages.Count == 1 && usages[0].Value == TimestampOids.TimeStampingUsage;
        }
        catch (CryptographicException)
        {
            // A damaged extension is no usage at all.
            return false;
        }
    }

    private static bool TryDecode(ReadOnlySpan<byte> token, out SignedCms cms, out Rfc3161TimestampTokenInfo info)
    {
        cms = new SignedCms();
        info = null!;
        try
        {
            // Exactly one BER value with nothing after it; SignedCms.Decode would ignore trailing bytes.
            AsnDecoder.ReadEncodedValue(token, AsnEncodingRules.BER, out _, out _, out var consumed);
            if (consumed != token.Length)
            {
                return false;
            }

            cms.Decode(token);
            return cms.ContentInfo.ContentType.Value == TimestampOids.TstInfo
                && cms.SignerInfos.Count == 1
                && Rfc3161TimestampTokenInfo.TryDecode(cms.ContentInfo.Content, out info!, out var infoLength)
                && infoLength == cms.ContentInfo.Content.Length;
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException)
        {
            return false;
        }
    }

    private static X509Certificate2? FindSigner(SubjectIdentifier identifier, IReadOnlyCollection<X509Certificate2> candidates)
    {
        foreach (var candidate in candidates)
        {
            var matches = identifier.Value switch
            {
                X509IssuerSerial issuerSerial =>
                    candidate.IssuerName.Name == issuerSerial.IssuerName
                    && string.Equals(candidate.SerialNumber, issuerSerial.SerialNumber, StringComparison.OrdinalIgnoreCase),
                string subjectKeyId =>
                    candidate.Extensions.OfType<X509SubjectKeyIdentifierExtension>()
                        .Any(e => string.Equals(e.SubjectKeyIdentifier, subjectKeyId, StringComparison.OrdinalIgnoreCase)),
                _ => false,
            };
            if (matches)
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool ChainsToTrusted(
        X509Certificate2 certificate,
        X509Certificate2Collection tokenCertificates,
        IReadOnlyCollection<X509Certificate2> trusted,
        DateTimeOffset time)
    {
        // A TSA certificate pinned directly needs no path building.
        if (trusted.Any(t => t.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)))
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(tokenCertificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(TimestampOids.TimeStampingUsage));
        return chain.Build(certificate);
    }

    private static TimestampVerificationResult Fail(
        TimestampCheck check,
        string message,
        DateTimeOffset? time,
        X509Certificate2? certificate,
        bool chainChecked) =>
        new()
        {
            FailedCheck = check,
            FailureMessage = message,
            Timestamp = time,
            SignerCertificate = certificate,
            ChainChecked = chainChecked,
        };
}
