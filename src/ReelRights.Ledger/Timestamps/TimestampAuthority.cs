using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace ReelRights.Ledger.Timestamps;

/// <summary>
/// A minimal RFC 3161 time-stamping authority in pure code: it turns a hash into a signed
/// TimeStampToken (§2.4.2) using a certificate that carries the critical timeStamping EKU (§2.3).
/// Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class TimestampAuthority
{
    private const int SerialNumberSize = 16;
    private const long AccuracyMicroseconds = 1_000_000;
    private const int RandomBlockSize = 64 * SerialNumberSize;

    [ThreadStatic]
    private static byte[]? t_randomBlock;

    [ThreadStatic]
    private static int t_randomLeft;

    private readonly X509Certificate2 _certificate;
    private readonly TimeProvider _timeProvider;
    private readonly Oid _policy;
    private readonly TimestampTokenEncoder? _encoder;

    /// <summary>Creates an authority.</summary>
    /// <param name="certificate">TSA certificate with its private key and the timeStamping EKU.</param>
    /// <param name="timeProvider">Source of genTime.</param>
    /// <param name="policyOid">TSA policy OID written into every token; defaults to ReelRights' own.</param>
    public TimestampAuthority(X509Certificate2 certificate, TimeProvider timeProvider, string? policyOid = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The TSA certificate needs its private key.", nameof(certificate));
        }

        if (!TimestampVerifier.HasOnlyTimeStampingUsage(certificate))
        {
            throw new ArgumentException(
                "RFC 3161 §2.3: the TSA certificate must have one critical EKU extension with only id-kp-timeStamping.",
                nameof(certificate));
        }

        _certificate = certificate;
        _timeProvider = timeProvider;
        _policy = new Oid(policyOid ?? TimestampOids.DefaultPolicy);
        _encoder = TimestampTokenEncoder.TryCreate(certificate, _policy.Value!);
    }

    /// <summary>The policy OID written into tokens.</summary>
    public string PolicyOid => _policy.Value!;

    /// <summary>Time-stamps a SHA-256 hash (for a ledger receipt: the RFC 6962 leaf hash).</summary>
    /// <param name="sha256Hash">The 32-byte hash to time-stamp.</param>
    /// <returns>DER-encoded TimeStampToken (a CMS ContentInfo) with the TSA certificate included.</returns>
    public byte[] CreateToken(ReadOnlySpan<byte> sha256Hash)
    {
        if (sha256Hash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("A SHA-256 hash is 32 bytes.", nameof(sha256Hash));
        }

        if (_encoder is not null)
        {
            Span<byte> serial = stackalloc byte[SerialNumberSize];
            NewSerialNumber(serial);
            return _encoder.Encode(TimestampOids.Sha256, sha256Hash, serial, _timeProvider.GetUtcNow(), AccuracyMicroseconds, [], includeCertificate: true);
        }

        return Sign(new Oid(TimestampOids.Sha256), sha256Hash.ToArray(), nonce: null, includeCertificate: true);
    }

    /// <summary>Answers a DER TimeStampReq (RFC 3161 §2.4.1) with a DER TimeStampResp (§2.4.2).</summary>
    /// <param name="encodedRequest">The request body as received (application/timestamp-query).</param>
    /// <returns>The response body (application/timestamp-reply): granted with a token, or a rejection.</returns>
    public byte[] CreateResponse(ReadOnlySpan<byte> encodedRequest)
    {
        if (!Rfc3161TimestampRequest.TryDecode(encodedRequest.ToArray(), out var request, out var consumed)
            || consumed != encodedRequest.Length)
        {
            return EncodeResponse(PkiFailureInfo.BadDataFormat, "request is not a DER TimeStampReq", token: null);
        }

        var failure = Check(request);
        if (failure != PkiFailureInfo.None)
        {
            return EncodeResponse(failure, "request rejected", token: null);
        }

        var token = Sign(
            request.HashAlgorithmId,
            request.GetMessageHash().ToArray(),
            request.GetNonce()?.ToArray(),
            request.RequestSignerCertificate);
        return EncodeResponse(PkiFailureInfo.None, statusText: null, token);
    }

    private PkiFailureInfo Check(Rfc3161TimestampRequest request)
    {
        var expectedLength = request.HashAlgorithmId.Value switch
        {
            TimestampOids.Sha256 => SHA256.HashSizeInBytes,
            TimestampOids.Sha384 => SHA384.HashSizeInBytes,
            TimestampOids.Sha512 => SHA512.HashSizeInBytes,
            _ => -1,
        };
        if (expectedLength < 0)
        {
            return PkiFailureInfo.BadAlg;
        }

        if (request.GetMessageHash().Length != expectedLength)
        {
            return PkiFailureInfo.BadDataFormat;
        }

        if (request.RequestedPolicyId is { } policy && policy.Value != _policy.Value)
        {
            return PkiFailureInfo.UnacceptedPolicy;
        }

        return request.HasExtensions ? PkiFailureInfo.UnacceptedExtension : PkiFailureInfo.None;
    }

    private byte[] Sign(Oid hashAlgorithm, byte[] hash, byte[]? nonce, bool includeCertificate)
    {
        var serial = new byte[SerialNumberSize];
        NewSerialNumber(serial);
        if (_encoder is not null && hashAlgorithm.Value is { } hashOid)
        {
            return _encoder.Encode(hashOid, hash, serial, _timeProvider.GetUtcNow(), AccuracyMicroseconds, nonce, includeCertificate);
        }

        var info = new Rfc3161TimestampTokenInfo(
            _policy,
            hashAlgorithm,
            hash,
            serial,
            _timeProvider.GetUtcNow(),
            AccuracyMicroseconds,
            isOrdering: false,
            nonce is null ? (ReadOnlyMemory<byte>?)null : nonce);

        var cms = new SignedCms(new ContentInfo(new Oid(TimestampOids.TstInfo), info.Encode()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, _certificate)
        {
            DigestAlgorithm = new Oid(TimestampOids.Sha256),
            IncludeOption = includeCertificate ? X509IncludeOption.EndCertOnly : X509IncludeOption.None,
        };
        signer.SignedAttributes.Add(SigningCertificateV2.Create(_certificate));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>
    /// RFC 3161 §2.4.2: serialNumber is a positive integer unique per TSA; 126 random bits are
    /// unique without keeping state. The top bits are fixed so the DER INTEGER is minimal and positive.
    /// </summary>
    private static void NewSerialNumber(Span<byte> serial)
    {
        // Each call to the system generator costs a few microseconds, more than encoding the rest
        // of the token, so serials are cut from a per-thread block of its output (used once each).
        var block = t_randomBlock ??= new byte[RandomBlockSize];
        if (t_randomLeft < serial.Length)
        {
            RandomNumberGenerator.Fill(block);
            t_randomLeft = block.Length;
        }
        var taken = block.AsSpan(block.Length - t_randomLeft, serial.Length);
        taken.CopyTo(serial);
        taken.Clear();
        t_randomLeft -= serial.Length;
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
    }

    // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }
    // PKIStatusInfo ::= SEQUENCE { status INTEGER, statusString PKIFreeText OPTIONAL, failInfo BIT STRING OPTIONAL }
    private static byte[] EncodeResponse(PkiFailureInfo failure, string? statusText, byte[]? token)
    {
        const int granted = 0;
        const int rejection = 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(token is null ? rejection : granted);
                if (statusText is not null)
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteCharacterString(UniversalTagNumber.UTF8String, statusText);
                    }
                }

                if (failure != PkiFailureInfo.None)
                {
                    writer.WriteNamedBitList(failure);
                }
            }

            if (token is not null)
            {
                writer.WriteEncodedValue(token);
            }
        }

        return writer.Encode();
    }
}
