using System.Text;
using System.Text.Json;
using ReelRights.Media.Probing;
using ReelRights.Media.Tests.Support;

namespace ReelRights.Media.Tests.Probing;

/// <summary>The parser against real ffprobe 5.1 outputs (Captured/README.md); no ffmpeg needed.</summary>
public sealed class ProbeJsonParserTests
{
    public static TheoryData<string> CapturedNames => CapturedProbe.AllNames();

    [Theory]
    [MemberData(nameof(CapturedNames))]
    public void Parse_EveryCapturedOutput_DoesNotThrowAndKeepsStreamIndexesUnique(string name)
    {
        // Arrange
        var json = CapturedProbe.Read(name);

        // Act
        var info = ProbeJsonParser.Parse(json);

        // Assert
        var indexes = info.VideoStreams.Select(v => v.Index)
            .Concat(info.AudioStreams.Select(a => a.Index))
            .Concat(info.OtherStreams.Select(o => o.Index))
            .ToList();
        indexes.Distinct().Count().ShouldBe(indexes.Count);
    }

    [Fact]
    public void Parse_H264AacMp4_ReadsFormatVideoAndAudio()
    {
        // Arrange
        var json = CapturedProbe.Read("h264-aac-160x90.json");

        // Act
        var info = ProbeJsonParser.Parse(json);

        // Assert
        info.FormatName.ShouldBe("mov,mp4,m4a,3gp,3g2,mj2");
        info.DurationSeconds.ShouldBe(2.0);
        info.FormatTags["major_brand"].ShouldBe("isom");
        var video = info.PrimaryVideo.ShouldNotBeNull();
        video.ShouldSatisfyAllConditions(
            () => video.Index.ShouldBe(0),
            () => video.CodecName.ShouldBe("h264"),
            () => video.Width.ShouldBe(160),
            () => video.Height.ShouldBe(90),
            () => video.FrameRate.ShouldBe(new Rational(10, 1)),
            () => video.PixelFormat.ShouldBe("yuv420p"),
            () => video.RotationDegrees.ShouldBe(0),
            () => video.IsAttachedPicture.ShouldBeFalse(),
            () => video.DurationSeconds.ShouldBe(2.0),
            () => video.Tags["encoder"].ShouldBe("Lavc59.37.100 libx264"));
        var audio = info.PrimaryAudio.ShouldNotBeNull();
        audio.ShouldSatisfyAllConditions(
            () => audio.Index.ShouldBe(1),
            () => audio.CodecName.ShouldBe("aac"),
            () => audio.SampleRate.ShouldBe(16000),
            () => audio.Channels.ShouldBe(1),
            () => audio.ChannelLayout.ShouldBe("mono"));
        info.OtherStreams.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_DisplayMatrixRotation_ReportsClockwiseDegreesAndSwapsDisplaySize()
    {
        // Arrange: ffprobe prints the display matrix angle, counter-clockwise 90.
        var json = CapturedProbe.Read("rotated-display-matrix.json");

        // Act
        var video = ProbeJsonParser.Parse(json).PrimaryVideo.ShouldNotBeNull();

        // Assert
        video.RotationDegrees.ShouldBe(270);
        video.IsQuarterTurn.ShouldBeTrue();
        (video.DisplayWidth, video.DisplayHeight).ShouldBe((90, 160));
        (video.Width, video.Height).ShouldBe((160, 90));
    }

    [Fact]
    public void Parse_LegacyRotateTag_ReportsTheTagAsClockwiseDegrees()
    {
        // Arrange
        var json = CapturedProbe.Read("legacy-rotate-tag.json");

        // Act
        var video = ProbeJsonParser.Parse(json).PrimaryVideo.ShouldNotBeNull();

        // Assert
        video.RotationDegrees.ShouldBe(90);
        (video.DisplayWidth, video.DisplayHeight).ShouldBe((90, 160));
    }

    [Fact]
    public void Parse_AudioOnlyWav_HasAudioAndNoVideo()
    {
        // Arrange
        var json = CapturedProbe.Read("audio-only-wav.json");

        // Act
        var info = ProbeJsonParser.Parse(json);

        // Assert
        info.FormatName.ShouldBe("wav");
        info.VideoStreams.ShouldBeEmpty();
        info.PrimaryVideo.ShouldBeNull();
        var audio = info.PrimaryAudio.ShouldNotBeNull();
        (audio.CodecName, audio.SampleRate, audio.Channels).ShouldBe(("pcm_s16le", 16000, 1));
        info.DurationSeconds.ShouldBe(1.0);
    }

    [Fact]
    public void Parse_AigcContainerTag_KeepsLabelJsonAndChineseTextVerbatim()
    {
        // Arrange
        var json = CapturedProbe.Read("aigc-format-tags.json");

        // Act
        var info = ProbeJsonParser.Parse(json);

        // Assert
        info.FormatTags["comment"].ShouldBe("AI生成内容");
        using var label = JsonDocument.Parse(info.FormatTags["AIGC"]);
        label.RootElement.GetProperty("Label").GetString().ShouldBe("1");
        label.RootElement.GetProperty("ProduceID").GetString().ShouldBe("rr-demo-1");
        info.EnumerateTags().ShouldContain(t => t.StreamIndex == null && t.Key == "AIGC");
    }

    [Fact]
    public void Parse_AigcStreamTagInMatroska_IsReportedWithItsStreamIndex()
    {
        // Arrange
        var json = CapturedProbe.Read("aigc-stream-tags-mkv.json");

        // Act
        var info = ProbeJsonParser.Parse(json);
        var tags = info.EnumerateTags().ToList();

        // Assert
        info.FormatName.ShouldBe("matroska,webm");
        info.FormatTags["title"].ShouldBe("示例短剧 第1集");
        tags.ShouldContain(new MediaTag(0, "AIGC", """{"Label":"1","ContentProducer":"producer-42"}"""));
        tags.ShouldContain(new MediaTag(1, "HANDLER_NAME", "SoundHandler"));
        tags[0].StreamIndex.ShouldBeNull();
        // Matroska states stream durations only as tags, so the field stays null.
        info.PrimaryVideo.ShouldNotBeNull().DurationSeconds.ShouldBeNull();
    }

    [Fact]
    public void Parse_Mp3WithCoverArt_CoverIsNotThePrimaryVideo()
    {
        // Arrange
        var json = CapturedProbe.Read("mp3-cover-art.json");

        // Act
        var info = ProbeJsonParser.Parse(json);

        // Assert
        var cover = info.VideoStreams.ShouldHaveSingleItem();
        cover.IsAttachedPicture.ShouldBeTrue();
        cover.CodecName.ShouldBe("png");
        info.PrimaryVideo.ShouldBeNull();
        info.PrimaryAudio.ShouldNotBeNull().CodecName.ShouldBe("mp3");
    }

    [Fact]
    public void Parse_HugeDeclaredDimensions_ReportsThemForTheCallerToRefuse()
    {
        // Arrange
        var json = CapturedProbe.Read("huge-dimensions-avi.json");

        // Act
        var video = ProbeJsonParser.Parse(json).PrimaryVideo.ShouldNotBeNull();

        // Assert
        video.PixelCount.ShouldBe(144_000_000);
    }

    [Fact]
    public void Parse_EmptyObjectFromFailedProbe_HasNoStreams()
    {
        // Arrange
        var json = CapturedProbe.Read("failed-empty.json");

        // Act
        var info = ProbeJsonParser.Parse(json);

        // Assert
        info.HasStreams.ShouldBeFalse();
        info.FormatName.ShouldBeEmpty();
        info.DurationSeconds.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"streams\": [")]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    public void Parse_NotAJsonObject_ThrowsJsonException(string text)
    {
        // Arrange
        var json = Encoding.UTF8.GetBytes(text);

        // Act
        var act = () => ProbeJsonParser.Parse(json);

        // Assert
        act.ShouldThrow<JsonException>();
    }

    [Fact]
    public void Parse_UnknownOrOddValues_FallsBackInsteadOfThrowing()
    {
        // Arrange: "N/A" duration, unknown average rate, negative side-data angle, a number tag,
        // a subtitle stream and a stream that is not an object.
        var json = Encoding.UTF8.GetBytes("""
            {
              "streams": [
                { "index": 0, "codec_type": "video", "codec_name": "h264", "width": 64, "height": 48,
                  "avg_frame_rate": "0/0", "r_frame_rate": "30000/1001", "duration": "N/A",
                  "side_data_list": [ { "side_data_type": "Display Matrix", "rotation": -90 } ],
                  "tags": { "rotate": "180", "count": 7 } },
                { "index": 1, "codec_type": "subtitle", "codec_name": "mov_text", "tags": { "AIGC": "{}" } },
                "garbage"
              ],
              "format": { "format_name": "mov", "duration": "N/A" }
            }
            """);

        // Act
        var info = ProbeJsonParser.Parse(json);

        // Assert
        var video = info.PrimaryVideo.ShouldNotBeNull();
        video.FrameRate.ShouldBe(new Rational(30000, 1001));
        video.DurationSeconds.ShouldBeNull();
        video.RotationDegrees.ShouldBe(90); // side data wins over the tag
        video.Tags["count"].ShouldBe("7");
        info.OtherStreams.ShouldHaveSingleItem().CodecType.ShouldBe("subtitle");
        info.DurationSeconds.ShouldBeNull();
    }
}
