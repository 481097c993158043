using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ReelRights.Ledger.Tests.Support;
using ReelRights.Ledger.Timestamps;

namespace ReelRights.Ledger.Tests.Timestamps;

public sealed class TimestampTokenEncoderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 30, 0, TimeSpan.Zero);
    private static readonly X509Certificate2 TsaCertificate =
        TimestampCertificates.CreateSelfSigned("CN=ReelRights Test TSA", new FixedTimeProvider(Now), TimeSpan.FromDays(365));

    public static TheoryData<long, long, int, bool> Cases => new()
    {
        // genTime ticks past the second, accuracy (µs), nonce length, certificate included
        { 0, 1_000_000, 0, true },
        { 5_000_000, 1_000_000, 0, true },
        { 1_234_567, 0, 0, true },
        { 1, 999, 1, false },
        { 1_230_000, 1_500_250, 9, true },
        { 9_999_999, 123_456_789_012, 40, false },
        { 4_560_000, 1000, 200, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_VariedInputs_SameBytesAsAsnWriterEncoding(long fractionTicks, long accuracyMicroseconds, int nonceLength, bool includeCertificate)
    {
        // Arrange: a key that signs deterministically, so both encodings can be compared whole.
        using var key = new FixedSignatureKey();
        var encoder = new TimestampTokenEncoder(key, TsaCertificate, TimestampOids.DefaultPolicy);
        var reference = new AsnWriterTokenEncoding(key, TsaCertificate, TimestampOids.DefaultPolicy);
        var random = new Random((int)fractionTicks ^ nonceLength);
        var genTime = Now.AddTicks(fractionTicks).ToOffset(TimeSpan.FromHours(8));

        foreach (var (oid, size) in new[] { (TimestampOids.Sha256, 32), (TimestampOids.Sha384, 48), (TimestampOids.Sha512, 64) })
        {
            for (var i = 0; i < 20; i++)
            {
                var hash = new byte[size];
                random.NextBytes(hash);
                var serial = new byte[1 + random.Next(20)];
                random.NextBytes(serial);
                serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
                var nonce = new byte[nonceLength];
                random.NextBytes(nonce);
                if (nonce.Length > 0)
                {
                    nonce[0] = (byte)((nonce[0] & 0x7F) | 0x01);
                }

                // Act
                var actual = encoder.Encode(oid, hash, serial, genTime, accuracyMicroseconds, nonce, includeCertificate);
                var expected = reference.Encode(oid, hash, serial, genTime, accuracyMicroseconds, nonce, includeCertificate);

                // Assert
                actual.ShouldBe(expected);
            }
        }
    }

    [Fact]
    public void Encode_NonMinimalSerialNumber_Throws()
    {
        // Arrange
        using var key = new FixedSignatureKey();
        var encoder = new TimestampTokenEncoder(key, TsaCertificate, TimestampOids.DefaultPolicy);

        // Act & Assert
        Should.Throw<ArgumentException>(() => encoder.Encode(TimestampOids.Sha256, new byte[32], [0x00, 0x12], Now, 0, [], true));
    }

    /// <summary>ECDSA that "signs" by echoing the hash as r and its reverse as s: DER signatures of 70 to 72 bytes.</summary>
    private sealed class FixedSignatureKey : ECDsa
    {
        public FixedSignatureKey() => KeySizeValue = 256;

        public override byte[] SignHash(byte[] hash) => [.. hash, .. hash.AsEnumerable().Reverse()];

        public override bool VerifyHash(byte[] hash, byte[] signature) => false;
    }
}
