using System.Globalization;
using ReelRights.Media.Audio;
using ReelRights.Media.Frames;
using ReelRights.Media.Thumbnails;

namespace ReelRights.Media.Invocation;

/// <summary>
/// Builds every ffmpeg/ffprobe argument list the library uses, and nothing else: no process, no
/// parsing, so each list is pinned by a test. Every <c>input</c> parameter is the
/// output of <see cref="InputPath.ToFfmpegInput"/> ("file:/absolute/path").
/// Option order follows ffmpeg(1): global options, then input options (which apply to the next
/// -i), then -i, then output options, then the output.
/// </summary>
internal static class FfmpegArguments
{
    /// <summary>
    /// Output to the tool's stdout via ffmpeg's pipe protocol (ffmpeg-protocols(1), "pipe"). The
    /// protocol whitelist is an input option of the -i it precedes, so it does not apply here and
    /// "pipe" need not be whitelisted.
    /// </summary>
    private const string Stdout = "pipe:1";

    /// <summary><c>ffprobe -print_format json -show_format -show_streams</c> for one input.</summary>
    public static IReadOnlyList<string> Probe(MediaOptions options, string input)
    {
        // ffprobe has no -nostdin; the runner closes its stdin instead.
        var args = new List<string> { "-hide_banner", "-v", "error" };
        AddMaxAlloc(args, options);
        AddInputRestrictions(args, options);
        args.AddRange(["-i", input, "-print_format", "json", "-show_format", "-show_streams"]);
        return args;
    }

    /// <summary>Gray frames of one stream as raw bytes, Width × Height per frame, on stdout.</summary>
    public static IReadOnlyList<string> GrayFrames(MediaOptions options, string input, int streamIndex, GrayFrameRequest request)
    {
        // Decoder options are input options: they go before the -i they apply to.
        string[] decoder = request.FastDecode ? ["-skip_loop_filter", "all", "-skip_frame", "noref"] : [];
        var args = StartFfmpeg(options, input, request.StartSeconds, request.DurationSeconds, decoder);
        args.AddRange(["-map", Map(streamIndex), "-vf", GrayFilter(request)]);
        args.AddRange(["-f", "rawvideo", "-pix_fmt", "gray", Stdout]);
        return args;
    }

    /// <summary>
    /// One decode of both streams: gray frames as <see cref="GrayFrames"/> on stdout, and mono
    /// 32-bit float PCM of the audio stream written to <paramref name="pcmPath"/> (at most
    /// <paramref name="maxPcmBytes"/>, ffmpeg(1) "-fs"). The file is demuxed once and ffmpeg
    /// starts once, which costs about a tenth of a bare decode less than two runs.
    /// </summary>
    public static IReadOnlyList<string> GrayFramesAndPcm(
        MediaOptions options, string input, int videoIndex, GrayFrameRequest video, int audioIndex, PcmRequest audio, string pcmPath, long maxPcmBytes)
    {
        // Stream specifiers keep the video decoder's shortcuts off the audio decoder.
        string[] decoder = video.FastDecode ? ["-skip_loop_filter:v", "all", "-skip_frame:v", "noref"] : [];
        var args = StartFfmpeg(options, input, video.StartSeconds, video.DurationSeconds, decoder);
        args.AddRange(["-map", Map(videoIndex), "-vf", GrayFilter(video)]);
        args.AddRange(["-f", "rawvideo", "-pix_fmt", "gray", Stdout]);
        args.AddRange(["-map", Map(audioIndex), "-ac", "1", "-ar", Integer(audio.SampleRate)]);
        args.AddRange(["-fs", maxPcmBytes.ToString(CultureInfo.InvariantCulture), "-f", "f32le", "file:" + pcmPath]);
        return args;
    }

    /// <summary>Mono 32-bit float little-endian PCM of one audio stream on stdout.</summary>
    public static IReadOnlyList<string> Pcm(MediaOptions options, string input, int streamIndex, PcmRequest request)
    {
        var args = StartFfmpeg(options, input, request.StartSeconds, request.DurationSeconds);
        args.AddRange(["-map", Map(streamIndex), "-ac", "1", "-ar", Integer(request.SampleRate)]);
        args.AddRange(["-f", "f32le", Stdout]);
        return args;
    }

    /// <summary>One encoded image of the frame at the requested time on stdout.</summary>
    public static IReadOnlyList<string> Thumbnail(MediaOptions options, string input, int streamIndex, ThumbnailRequest request)
    {
        var args = StartFfmpeg(options, input, request.AtSeconds, null);
        // min(iw,MAX) never enlarges; h=-2 keeps the aspect ratio with an even height, which
        // chroma-subsampled JPEG needs (ffmpeg-filters(1), "scale").
        var scale = string.Create(CultureInfo.InvariantCulture, $"scale=w='min(iw,{request.MaxWidth})':h=-2");
        args.AddRange(["-map", Map(streamIndex), "-frames:v", "1", "-vf", scale]);
        if (request.Format == ThumbnailFormat.Png)
        {
            args.AddRange(["-c:v", "png"]);
        }
        else
        {
            // -q:v 3 on mjpeg's 2–31 scale: visually clean at a few tens of KB.
            args.AddRange(["-c:v", "mjpeg", "-q:v", "3"]);
        }

        args.AddRange(["-f", "image2pipe", Stdout]);
        return args;
    }

    /// <summary>
    /// The cost floor extraction is compared against: <c>ffmpeg -i FILE -f null -</c> with the
    /// same global and input options (threads, limits) as every decode here. ffmpeg's default
    /// stream selection decodes the best video and audio stream.
    /// </summary>
    public static IReadOnlyList<string> BareDecode(MediaOptions options, string input)
    {
        var args = StartFfmpeg(options, input, null, null);
        args.AddRange(["-f", "null", "-"]);
        return args;
    }

    internal static string GrayFilter(GrayFrameRequest request)
    {
        var fps = request.FrameRate.ToString();
        var w = Integer(request.Width);
        var h = Integer(request.Height);
        // fps first so dropped frames are never scaled. flags=area averages source pixels, which
        // avoids aliasing when shrinking to analysis size (ffmpeg-scaler(1), "sws_flags").
        // Padding is done in yuv444p, not gray: in gray, pad draws "black" as limited-range Y=16
        // (libavfilter/drawutils.c treats non-RGB formats as limited range), while the picture's
        // conversion to gray is full range, so bars would be 16 where black content is 0. Without
        // the explicit format, negotiation would make scale output gray straight away. yuv444p
        // has no chroma subsampling, so pad never rounds the centring offset.
        return request.Fit == FrameFit.Stretch
            ? $"fps={fps},scale={w}:{h}:flags=area,format=gray"
            : $"fps={fps},scale={w}:{h}:force_original_aspect_ratio=decrease:flags=area,format=yuv444p,"
                + $"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=black,format=gray";
    }

    internal static string Seconds(double seconds) =>
        seconds.ToString("0.######", CultureInfo.InvariantCulture);

    private static List<string> StartFfmpeg(MediaOptions options, string input, double? startSeconds, double? durationSeconds, IReadOnlyList<string>? decoderOptions = null)
    {
        // -nostdin: never read the terminal (ffmpeg(1) "-stdin"); -nostats: no progress lines
        // in the stderr tail we keep for error messages.
        var args = new List<string> { "-nostdin", "-hide_banner", "-nostats", "-v", "error" };
        AddMaxAlloc(args, options);
        if (options.DecoderThreads > 0)
        {
            // Before -i, -threads sets the decoder's thread count.
            args.AddRange(["-threads", Integer(options.DecoderThreads)]);
        }

        AddInputRestrictions(args, options);
        if (startSeconds is { } start)
        {
            // As an input option -ss seeks, then decodes and discards up to the exact position
            // (ffmpeg(1): "-ss position", accurate_seek is on by default).
            args.AddRange(["-ss", Seconds(start)]);
        }

        if (durationSeconds is { } duration)
        {
            args.AddRange(["-t", Seconds(duration)]);
        }

        args.AddRange(decoderOptions ?? []);
        args.AddRange(["-i", input]);
        return args;
    }

    private static void AddMaxAlloc(List<string> args, MediaOptions options)
    {
        if (options.MaxAllocationBytes is { } maxAlloc)
        {
            args.AddRange(["-max_alloc", maxAlloc.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    private static void AddInputRestrictions(List<string> args, MediaOptions options)
    {
        // protocol_whitelist/format_whitelist are AVFormatContext options (ffmpeg-formats(1)):
        // only the file protocol may be opened, and only the listed demuxers, so a playlist,
        // concat list or mov reference inside the file cannot reach a URL or another file.
        args.AddRange(["-protocol_whitelist", "file"]);
        args.AddRange(["-format_whitelist", string.Join(',', options.AllowedDemuxers)]);
    }

    private static string Map(int streamIndex) => "0:" + Integer(streamIndex);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
