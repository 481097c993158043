using ReelRights.Fingerprinting.Tests.Support;

namespace ReelRights.Fingerprinting.Tests.Format;

public sealed class FingerprintFormatTests
{
    private static readonly Lazy<byte[]> Encoded = new(() =>
    {
        using var stream = new MemoryStream();
        Synthetic.Fingerprint(6, 1).WriteTo(stream);
        return stream.ToArray();
    });

    [Fact]
    public void ReadFrom_WrittenFingerprint_RoundTripsEveryField()
    {
        var original = Synthetic.Fingerprint(6, 1);
        using var stream = new MemoryStream();
        original.WriteTo(stream);
        stream.Position = 0;

        var read = Fingerprint.ReadFrom(stream);

        read.Video!.Bits.ShouldBe(original.Video!.Bits);
        read.Video.Weak.ShouldBe(original.Video.Weak);
        read.Video.Regions.ShouldBe(original.Video.Regions);
        read.Video.FrameCount.ShouldBe(48);
        read.Audio!.Bands.ShouldBe(original.Audio!.Bands);
        read.DurationSeconds.ShouldBe(original.DurationSeconds);
    }

    [Fact]
    public void WriteTo_Header_IsMagicThenVersionOneThenFlags()
    {
        Encoded.Value[..8].ShouldBe("RRFP"u8.ToArray().Concat(new byte[] { 1, 3, 0, 0 }).ToArray());
    }

    [Theory]
    [InlineData(20)]
    [InlineData(500)]
    [InlineData(-40)]
    public void ReadFrom_AnyFlippedByte_FailsOnChecksum(int position)
    {
        var bytes = (byte[])Encoded.Value.Clone();
        var index = position >= 0 ? position : bytes.Length + position;
        bytes[index] ^= 0x10;

        var error = Should.Throw<FingerprintFormatException>(() => Fingerprint.ReadFrom(new MemoryStream(bytes)));

        error.Message.ShouldContain("checksum");
        error.Message.ShouldContain("校验");
    }

    [Fact]
    public void ReadFrom_OtherVersion_FailsNamingTheVersion()
    {
        var bytes = (byte[])Encoded.Value.Clone();
        bytes[4] = 2;

        Should.Throw<FingerprintFormatException>(() => Fingerprint.ReadFrom(new MemoryStream(bytes)))
            .Message.ShouldContain("version 2");
    }

    [Fact]
    public void ReadFrom_Truncated_Fails()
    {
        var bytes = Encoded.Value[..(Encoded.Value.Length / 2)];

        Should.Throw<FingerprintFormatException>(() => Fingerprint.ReadFrom(new MemoryStream(bytes)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("RRF")]
    [InlineData("not a fingerprint at all")]
    public void ReadFrom_NotAFingerprint_FailsOnMagic(string text)
    {
        Should.Throw<FingerprintFormatException>(() => Fingerprint.ReadFrom(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text))))
            .Message.ShouldContain("not a fingerprint");
    }
}
