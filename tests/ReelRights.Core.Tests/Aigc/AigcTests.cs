using ReelRights.Testing;
using System.Diagnostics;
using System.Text;
using ReelRights.Core.Aigc;
using ReelRights.Media;

namespace ReelRights.Core.Tests.Aigc;

public sealed class AigcTests
{
    private const string LabelJson =
        "{\"Label\":\"1\",\"ContentProducer\":\"001191440300708461136T00000\",\"ProduceID\":\"video-42\",\"ReservedCode1\":\"\",\"ContentPropagator\":\"cp\",\"PropagateID\":\"p-1\",\"ReservedCode2\":\"\"}";

    [Fact]
    public void Parse_StandardJson_ReadsFields()
    {
        var label = AigcLabelReader.Parse("format", "AIGC", LabelJson);

        label.DeclaresAiGenerated.ShouldBeTrue();
        label.ContentProducer.ShouldBe("001191440300708461136T00000");
        label.ProduceId.ShouldBe("video-42");
        label.PropagateId.ShouldBe("p-1");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Parse_NotAnObject_KeepsRawValueWithoutFields(string value)
    {
        var label = AigcLabelReader.Parse("stream 0", "TC260:AIGC", value);

        label.RawValue.ShouldBe(value);
        label.Label.ShouldBeNull();
        label.DeclaresAiGenerated.ShouldBeFalse();
    }

    [Fact]
    public async Task Read_Mp4WithAigcTag_FindsLabelAndNoTagMeansNoLabel()
    {
        var dir = Directory.CreateTempSubdirectory("rr-aigc-").FullName;
        var labelled = Path.Combine(dir, "labelled.mp4");
        var plain = Path.Combine(dir, "plain.mp4");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "testsrc2=size=64x64:rate=5:duration=1", "-metadata", "AIGC=" + LabelJson,
            "-movflags", "use_metadata_tags", "-c:v", "libx264", "-pix_fmt", "yuv420p", labelled);
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "testsrc2=size=64x64:rate=5:duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", plain);
        var media = new FfmpegMedia();

        var found = AigcLabelReader.Read(await media.ProbeAsync(labelled, CancellationToken.None));
        var none = AigcLabelReader.Read(await media.ProbeAsync(plain, CancellationToken.None));

        found.ShouldHaveSingleItem().DeclaresAiGenerated.ShouldBeTrue();
        none.ShouldBeEmpty();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task HasManifest_Mp4WithC2paUuidBox_IsTrue_OtherwiseFalse()
    {
        var ftyp = Box("ftyp", Encoding.ASCII.GetBytes("isom\0\0\u0002\0isom"));
        var c2pa = Box("uuid", [.. Convert.FromHexString("D8FEC3D61B0E483C92975828877EC481"), .. Encoding.ASCII.GetBytes("jumbc2pa")]);
        var other = Box("uuid", [.. new byte[16], 1, 2, 3]);
        var mdat = Box("mdat", new byte[100]);

        (await C2paDetector.HasManifestAsync(new MemoryStream([.. ftyp, .. other, .. c2pa, .. mdat]), CancellationToken.None)).ShouldBeTrue();
        (await C2paDetector.HasManifestAsync(new MemoryStream([.. ftyp, .. other, .. mdat]), CancellationToken.None)).ShouldBeFalse();
        (await C2paDetector.HasManifestAsync(new MemoryStream([.. ftyp, 0, 0, 0, 3, .. "uuid"u8.ToArray()]), CancellationToken.None)).ShouldBeFalse();
        (await C2paDetector.HasManifestAsync(new MemoryStream("hello world, not media"u8.ToArray()), CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task HasManifest_JpegWithJumbfApp11_IsTrue()
    {
        var jumbf = "JP\0\0\0\0\0\0jumbc2pa"u8.ToArray();
        byte[] app11 = [0xFF, 0xEB, 0x00, (byte)(jumbf.Length + 2), .. jumbf];
        byte[] sos = [0xFF, 0xDA, 0x00, 0x02];

        (await C2paDetector.HasManifestAsync(new MemoryStream([0xFF, 0xD8, .. app11, .. sos, 0, 0, 0, 0]), CancellationToken.None)).ShouldBeTrue();
        (await C2paDetector.HasManifestAsync(new MemoryStream([0xFF, 0xD8, .. sos, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), CancellationToken.None)).ShouldBeFalse();
    }

    private static byte[] Box(string type, byte[] body)
    {
        var box = new byte[8 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        body.CopyTo(box, 8);
        return box;
    }

}
