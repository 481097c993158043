using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using ReelRights.Ledger.Tests.Support;
using ReelRights.Ledger.Timestamps;

namespace ReelRights.Ledger.Tests.Timestamps;

public sealed class TimestampAuthorityTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 30, 0, TimeSpan.Zero);
    private static readonly FixedTimeProvider Clock = new(Now);
    private static readonly X509Certificate2 TsaCertificate =
        TimestampCertificates.CreateSelfSigned("CN=ReelRights Test TSA", Clock, TimeSpan.FromDays(365));

    private static readonly byte[] Hash = SHA256.HashData("leaf"u8);

    [Fact]
    public void CreateToken_ThenVerify_ReturnsGenTimeFromTimeProvider()
    {
        // Arrange
        var authority = new TimestampAuthority(TsaCertificate, Clock);

        // Act
        var token = authority.CreateToken(Hash);
        var result = TimestampVerifier.Verify(token, Hash, [TsaCertificate]);

        // Assert
        result.IsValid.ShouldBeTrue(result.FailureMessage);
        result.Timestamp.ShouldBe(Now);
        result.ChainChecked.ShouldBeTrue();
        result.SignerCertificate!.Thumbprint.ShouldBe(TsaCertificate.Thumbprint);
    }

    [Fact]
    public void CreateToken_Token_IsAcceptedByDotNetRfc3161Verification()
    {
        // Arrange
        var authority = new TimestampAuthority(TsaCertificate, Clock);

        // Act
        var token = authority.CreateToken(Hash);
        var decoded = Rfc3161TimestampToken.TryDecode(token, out var parsed, out _);

        // Assert
        decoded.ShouldBeTrue();
        parsed!.VerifySignatureForHash(Hash, HashAlgorithmName.SHA256, out _).ShouldBeTrue();
        parsed.TokenInfo.PolicyId.Value.ShouldBe(authority.PolicyOid);
    }

    [Fact]
    public void CreateToken_HandEncodedToken_PassesSignedCmsCheckWithDerSignedAttributes()
    {
        // Arrange
        var clock = new FixedTimeProvider(Now.AddMilliseconds(456));
        var authority = new TimestampAuthority(TsaCertificate, clock);

        // Act
        var token = authority.CreateToken(Hash);
        var cms = new SignedCms();
        cms.Decode(token);

        // Assert: the signature holds over the re-encoded attributes, so they were DER as signed.
        Should.NotThrow(() => cms.CheckSignature(verifySignatureOnly: true));
        cms.ContentInfo.ContentType.Value.ShouldBe("1.2.840.113549.1.9.16.1.4");
        cms.Certificates.Count.ShouldBe(1);
        var signer = cms.SignerInfos[0];
        signer.SignedAttributes.Count.ShouldBe(3);
        signer.DigestAlgorithm.Value.ShouldBe("2.16.840.1.101.3.4.2.1");
        Rfc3161TimestampToken.TryDecode(token, out var parsed, out var consumed).ShouldBeTrue();
        consumed.ShouldBe(token.Length);
        parsed!.TokenInfo.Timestamp.ShouldBe(clock.GetUtcNow());
        parsed.TokenInfo.AccuracyInMicroseconds.ShouldBe(1_000_000);
        parsed.TokenInfo.GetSerialNumber().Length.ShouldBe(16);
    }

    [Fact]
    public void CreateToken_TwoTokens_HaveDifferentSerialNumbers()
    {
        // Arrange
        var authority = new TimestampAuthority(TsaCertificate, Clock);

        // Act
        Rfc3161TimestampToken.TryDecode(authority.CreateToken(Hash), out var first, out _).ShouldBeTrue();
        Rfc3161TimestampToken.TryDecode(authority.CreateToken(Hash), out var second, out _).ShouldBeTrue();

        // Assert
        first!.TokenInfo.GetSerialNumber().ToArray().ShouldNotBe(second!.TokenInfo.GetSerialNumber().ToArray());
    }

    [Fact]
    public void CreateToken_RsaTsaKey_FallsBackToSignedCmsAndVerifies()
    {
        // Arrange: the hand encoder only handles ECDSA; other keys go through SignedCms.
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=RSA TSA", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));
        using var certificate = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        var authority = new TimestampAuthority(certificate, Clock);

        // Act
        var token = authority.CreateToken(Hash);
        var result = TimestampVerifier.Verify(token, Hash, [certificate]);

        // Assert
        result.IsValid.ShouldBeTrue(result.FailureMessage);
    }

    [Fact]
    public void CreateResponse_NonceWithHighBitSet_IsEchoedUnchanged()
    {
        // Arrange
        var authority = new TimestampAuthority(TsaCertificate, Clock);
        var request = Rfc3161TimestampRequest.CreateFromHash(Hash, HashAlgorithmName.SHA256, nonce: new byte[] { 0xF0, 0x01, 0x02 }, requestSignerCertificates: false);

        // Act
        var response = authority.CreateResponse(request.Encode());
        var token = request.ProcessResponse(response, out _);

        // Assert
        token.TokenInfo.GetNonce()!.Value.ToArray().ShouldBe(request.GetNonce()!.Value.ToArray());
        token.AsSignedCms().Certificates.Count.ShouldBe(0);
        token.VerifySignatureForHash(Hash, HashAlgorithmName.SHA256, out _, extraCandidates: [TsaCertificate]).ShouldBeTrue();
    }

    [Fact]
    public void Verify_OtherHash_FailsImprint()
    {
        // Arrange
        var token = new TimestampAuthority(TsaCertificate, Clock).CreateToken(Hash);

        // Act
        var result = TimestampVerifier.Verify(token, Bytes.FlipBit(Hash, 0));

        // Assert
        result.FailedCheck.ShouldBe(TimestampCheck.Imprint);
    }

    [Fact]
    public void Verify_SignatureByteFlipped_FailsSignature()
    {
        // Arrange: the ECDSA signature is the last field of the token, so its last byte is signature data.
        var token = new TimestampAuthority(TsaCertificate, Clock).CreateToken(Hash);
        token[^1] ^= 0x01;

        // Act
        var result = TimestampVerifier.Verify(token, Hash);

        // Assert
        result.FailedCheck.ShouldBe(TimestampCheck.Signature);
    }

    [Fact]
    public void Verify_TrailingGarbage_FailsImprint()
    {
        // Arrange
        byte[] token = [.. new TimestampAuthority(TsaCertificate, Clock).CreateToken(Hash), 0x00];

        // Act
        var result = TimestampVerifier.Verify(token, Hash);

        // Assert
        result.FailedCheck.ShouldBe(TimestampCheck.Imprint);
    }

    [Fact]
    public void Verify_UntrustedTsa_FailsChain()
    {
        // Arrange
        var other = TimestampCertificates.CreateSelfSigned("CN=Someone Else", Clock, TimeSpan.FromDays(1));
        var token = new TimestampAuthority(TsaCertificate, Clock).CreateToken(Hash);

        // Act
        var result = TimestampVerifier.Verify(token, Hash, [other]);

        // Assert
        result.FailedCheck.ShouldBe(TimestampCheck.Chain);
    }

    [Fact]
    public void Verify_NoTrustedCertificates_SkipsChain()
    {
        // Arrange
        var token = new TimestampAuthority(TsaCertificate, Clock).CreateToken(Hash);

        // Act
        var result = TimestampVerifier.Verify(token, Hash);

        // Assert
        result.IsValid.ShouldBeTrue();
        result.ChainChecked.ShouldBeFalse();
    }

    [Fact]
    public void Verify_TsaIssuedByTrustedCa_ChainPasses()
    {
        // Arrange
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ReelRights Test Root", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(5));
        using var tsaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tsaRequest = TimestampCertificates.CreateRequest(new X500DistinguishedName("CN=Issued TSA"), tsaKey);
        using var issued = tsaRequest.Create(ca, Now.AddDays(-1), Now.AddYears(1), [1, 2, 3, 4]);
        using var tsa = issued.CopyWithPrivateKey(tsaKey);
        var token = new TimestampAuthority(tsa, Clock).CreateToken(Hash);

        // Act
        var result = TimestampVerifier.Verify(token, Hash, [ca]);

        // Assert
        result.IsValid.ShouldBeTrue(result.FailureMessage);
    }

    [Fact]
    public void Constructor_CertificateWithoutCriticalTimeStampingEku_Throws()
    {
        // Arrange
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Not A TSA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: false));
        using var certificate = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));

        // Act / Assert
        Should.Throw<ArgumentException>(() => new TimestampAuthority(certificate, Clock));
        TimestampVerifier.HasOnlyTimeStampingUsage(certificate).ShouldBeFalse();
    }

    [Fact]
    public void HasOnlyTimeStampingUsage_SelfSignedTsaCertificate_ReturnsTrue()
    {
        // Act
        var ok = TimestampVerifier.HasOnlyTimeStampingUsage(TsaCertificate);

        // Assert
        ok.ShouldBeTrue();
    }

    [Fact]
    public void CreateResponse_ValidRequest_GrantsTokenWithNonce()
    {
        // Arrange
        var authority = new TimestampAuthority(TsaCertificate, Clock);
        var request = Rfc3161TimestampRequest.CreateFromHash(Hash, HashAlgorithmName.SHA256, nonce: new byte[] { 0x12, 0x34 }, requestSignerCertificates: true);

        // Act
        var response = authority.CreateResponse(request.Encode());
        var token = request.ProcessResponse(response, out _);

        // Assert
        token.TokenInfo.GetNonce()!.Value.ToArray().ShouldBe(new byte[] { 0x12, 0x34 });
        token.VerifySignatureForHash(Hash, HashAlgorithmName.SHA256, out _).ShouldBeTrue();
    }

    [Fact]
    public void CreateResponse_Sha1Request_IsRejected()
    {
        // Arrange
        var authority = new TimestampAuthority(TsaCertificate, Clock);
        var request = Rfc3161TimestampRequest.CreateFromHash(SHA1.HashData("x"u8), HashAlgorithmName.SHA1);

        // Act
        var response = authority.CreateResponse(request.Encode());

        // Assert
        Should.Throw<CryptographicException>(() => request.ProcessResponse(response, out _));
    }

    [Fact]
    public void CreateResponse_OtherPolicyRequested_IsRejected()
    {
        // Arrange
        var authority = new TimestampAuthority(TsaCertificate, Clock);
        var request = Rfc3161TimestampRequest.CreateFromHash(Hash, HashAlgorithmName.SHA256, requestedPolicyId: new Oid("1.2.3.4"));

        // Act
        var response = authority.CreateResponse(request.Encode());

        // Assert
        Should.Throw<CryptographicException>(() => request.ProcessResponse(response, out _));
    }

    [Fact]
    public void CreateResponse_Garbage_IsRejected()
    {
        // Arrange
        var authority = new TimestampAuthority(TsaCertificate, Clock);

        // Act
        var response = authority.CreateResponse([0x30, 0x00]);

        // Assert: TimeStampResp { PKIStatusInfo { status = rejection (2), ... } } and no token.
        var outer = new AsnReader(response, AsnEncodingRules.DER).ReadSequence();
        var status = outer.ReadSequence();
        status.ReadInteger().ShouldBe(2);
        outer.HasData.ShouldBeFalse();
    }
}
