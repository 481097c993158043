using System.Text;
using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Region;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting.Format;

/// <summary>
/// The .rrfp file, version 1 (all integers little-endian):
/// <code>
/// "RRFP" · version 0x01 · flags (bit 0 video, bit 1 audio) · 2 reserved zero bytes
/// video: frameRate, width, height, frameCount, slotCount (5: crops 100/90/80 %, sharp box, inset), regionCount (int32 each)
///        regionCount × (firstFrame int32, x, y, w, h int16)
///        frameCount·slotCount × bits uint64, then as many weak-bit masks uint64
/// audio: sampleRate, hop, window, bandCount, frameCount (int32 each)
///        frameCount·bandCount band bytes
/// SHA-256 of all bytes above (32 bytes)
/// </code>
/// The analysis parameters are written and checked on read, so a file made with other
/// parameters is refused rather than silently compared. A new layout gets a new version byte.
/// Slot 4 held only the motion box before the inset tracker; such a file still reads and
/// matches as before (slot 4 is a query-side guess, never indexed), so neither the layout nor
/// the version changed.
/// </summary>
internal static class FingerprintFormat
{
    public const byte Version = 1;

    /// <summary>Larger than any episode needs (a 10-hour file is about 40 MB).</summary>
    public const long MaxBytes = 1L << 30;

    public static ReadOnlySpan<byte> Magic => "RRFP"u8;

    public static void Write(Fingerprint fingerprint, Stream stream)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write((byte)((fingerprint.Video is null ? 0 : 1) | (fingerprint.Audio is null ? 0 : 2)));
            w.Write((short)0);
            if (fingerprint.Video is { } video)
            {
                WriteVideo(w, video);
            }

            if (fingerprint.Audio is { } audio)
            {
                w.Write(AnalysisFormat.AudioSampleRate);
                w.Write(AudioTrack.HopSamples);
                w.Write(AudioTrack.WindowSamples);
                w.Write(AudioTrack.BandCount);
                w.Write(audio.FrameCount);
                w.Write(audio.Bands);
            }
        }

        ChecksummedStream.Write(stream, body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    public static Fingerprint Read(Stream stream)
    {
        var body = ChecksummedStream.Read(stream, Magic, Version, MaxBytes);
        var r = new SpanReader(body);
        var flags = r.Byte();
        if (flags is 0 or > 3 || r.Int16() != 0)
        {
            throw FormatErrors.Invalid("flags");
        }

        var video = (flags & 1) != 0 ? ReadVideo(ref r) : null;
        var audio = (flags & 2) != 0 ? ReadAudio(ref r) : null;
        return r.Remaining != 0 ? throw FormatErrors.Invalid("trailing bytes") : new Fingerprint(video, audio);
    }

    private static void WriteVideo(BinaryWriter w, VideoTrack video)
    {
        w.Write(video.FrameRate);
        w.Write(video.AnalysisWidth);
        w.Write(video.AnalysisHeight);
        w.Write(video.FrameCount);
        w.Write(VideoTrack.SlotCount);
        w.Write(video.Regions.Count);
        foreach (var region in video.Regions)
        {
            w.Write(region.FirstFrame);
            w.Write((short)region.Rect.X);
            w.Write((short)region.Rect.Y);
            w.Write((short)region.Rect.Width);
            w.Write((short)region.Rect.Height);
        }

        foreach (var b in video.Bits)
        {
            w.Write(b);
        }

        foreach (var b in video.Weak)
        {
            w.Write(b);
        }
    }

    private static VideoTrack ReadVideo(ref SpanReader r)
    {
        var rate = r.Int32();
        var width = r.Count(1024);
        var height = r.Count(1024);
        var frames = r.Count(int.MaxValue / 64);
        var crops = r.Int32();
        if (rate != AnalysisFormat.VideoFrameRate || crops != VideoTrack.SlotCount || width < 16 || height < 16)
        {
            throw FormatErrors.Invalid("video analysis parameters");
        }

        var regionCount = r.Count(frames + 1);
        var regions = new RegionSpan[regionCount];
        for (var i = 0; i < regionCount; i++)
        {
            var first = r.Count(frames);
            var rect = new PixelRect(r.Int16(), r.Int16(), r.Int16(), r.Int16());
            if (rect.X < 0 || rect.Y < 0 || rect.Width <= 0 || rect.Height <= 0
                || rect.X + rect.Width > width || rect.Y + rect.Height > height)
            {
                throw FormatErrors.Invalid("region");
            }

            regions[i] = new RegionSpan(first, rect);
        }

        var bits = r.UInt64Array(frames * crops);
        var weak = r.UInt64Array(frames * crops);
        return new VideoTrack(rate, width, height, frames, bits, weak, regions);
    }

    private static AudioTrack ReadAudio(ref SpanReader r)
    {
        var rate = r.Int32();
        var hop = r.Int32();
        var window = r.Int32();
        var bandCount = r.Int32();
        if (rate != AnalysisFormat.AudioSampleRate || hop != AudioTrack.HopSamples
            || window != AudioTrack.WindowSamples || bandCount != AudioTrack.BandCount)
        {
            throw FormatErrors.Invalid("audio analysis parameters");
        }

        var frames = r.Count(int.MaxValue / AudioTrack.BandCount);
        return new AudioTrack(frames, r.Bytes(frames * bandCount).ToArray());
    }
}
