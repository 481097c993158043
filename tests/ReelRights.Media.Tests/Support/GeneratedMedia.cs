using System.Buffers.Binary;
using System.Text;

[assembly: AssemblyFixture(typeof(ReelRights.Media.Tests.Support.GeneratedMedia))]

namespace ReelRights.Media.Tests.Support;

/// <summary>
/// Tiny media made once per test run with ffmpeg's lavfi sources (about 1 s of work in total),
/// in a temp folder deleted afterwards. Tests that need a file of their own (to find its process
/// by path, or to damage it) copy or create one with <see cref="NewPath"/>.
/// </summary>
public sealed class GeneratedMedia : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("reelrights-media-").FullName;

    /// <summary>testsrc2 160×90 at 10 fps for 2 s (libx264) + 1 kHz sine at 16 kHz (aac), mp4.</summary>
    public string AudioVideo => Path.Combine(Folder, "av.mp4");

    /// <summary>Solid 0x808080 160×90 at 10 fps for 2 s, no audio: luma 128 everywhere.</summary>
    public string Gray => Path.Combine(Folder, "gray.mp4");

    /// <summary>160×90, left half black, right half white, remuxed with rotate=90 (a display matrix).</summary>
    public string Rotated => Path.Combine(Folder, "rotated.mp4");

    /// <summary>1 s of 1 kHz sine (amplitude 1/8) at 48 kHz, pcm_s16le WAV, no video.</summary>
    public string Sine => Path.Combine(Folder, "sine.wav");

    /// <summary><see cref="AudioVideo"/> remuxed with an implicit AIGC label as a container tag.</summary>
    public string AigcLabelled => Path.Combine(Folder, "aigc.mp4");

    /// <summary><see cref="AudioVideo"/> with the moov atom first (-movflags +faststart).</summary>
    public string FastStart => Path.Combine(Folder, "faststart.mp4");

    /// <summary>A 16×16 raw AVI whose headers claim 12000×12000 (144 Mpixel), 6 KB on disk.</summary>
    public string HugeDimensions => Path.Combine(Folder, "huge.avi");

    public const string AigcLabel =
        """{"Label":"1","ContentProducer":"001191320100000000000000000000000","ProduceID":"rr-test-1"}""";

    public async ValueTask InitializeAsync()
    {
        await FfmpegCli.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=2",
            "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=16000:duration=2",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", AudioVideo);
        await FfmpegCli.FfmpegAsync(
            "-f", "lavfi", "-i", "color=c=0x808080:size=160x90:rate=10:duration=2",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", Gray);
        var halves = Path.Combine(Folder, "halves.mp4");
        await FfmpegCli.FfmpegAsync(
            "-f", "lavfi", "-i", "color=white:size=160x90:rate=10:duration=1,drawbox=x=0:y=0:w=80:h=90:color=black:t=fill",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", halves);
        // ffmpeg 5.1 drops rotate metadata when re-encoding, so it is set on a stream copy.
        await FfmpegCli.FfmpegAsync("-i", halves, "-c", "copy", "-metadata:s:v", "rotate=90", Rotated);
        await FfmpegCli.FfmpegAsync(
            "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=1", "-c:a", "pcm_s16le", Sine);
        await FfmpegCli.FfmpegAsync(
            "-i", AudioVideo, "-c", "copy", "-movflags", "use_metadata_tags", "-metadata", "AIGC=" + AigcLabel, AigcLabelled);
        await FfmpegCli.FfmpegAsync("-i", AudioVideo, "-c", "copy", "-movflags", "+faststart", FastStart);
        await WriteHugeDimensionsAviAsync();
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>A fresh path in the temp folder, unique to the caller.</summary>
    public string NewPath(string fileName)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, Guid.NewGuid().ToString("N")));
        return Path.Combine(folder.FullName, fileName);
    }

    /// <summary>Copies <paramref name="source"/> to a fresh path, so its process can be found by name.</summary>
    public string CopyToNewPath(string source, string fileName)
    {
        var copy = NewPath(fileName);
        File.Copy(source, copy);
        return copy;
    }

    private async Task WriteHugeDimensionsAviAsync()
    {
        var small = Path.Combine(Folder, "small-raw.avi");
        await FfmpegCli.FfmpegAsync(
            "-f", "lavfi", "-i", "color=gray:size=16x16:rate=1:duration=1", "-c:v", "rawvideo", "-pix_fmt", "gray", small);
        var bytes = await File.ReadAllBytesAsync(small);
        // AVI main header (avih): dwWidth/dwHeight at byte 32 of its data; the stream format
        // (strf, a BITMAPINFOHEADER): biWidth/biHeight at byte 4. Both are little-endian.
        Patch(bytes, "avih", 32);
        Patch(bytes, "strf", 4);
        await File.WriteAllBytesAsync(HugeDimensions, bytes);

        static void Patch(byte[] avi, string chunk, int offset)
        {
            var data = avi.AsSpan().IndexOf(Encoding.ASCII.GetBytes(chunk)) + 8 + offset;
            BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(data), 12000);
            BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(data + 4), 12000);
        }
    }
}
