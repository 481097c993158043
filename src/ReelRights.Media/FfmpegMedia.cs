using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using ReelRights.Media.Audio;
using ReelRights.Media.Frames;
using ReelRights.Media.Invocation;
using ReelRights.Media.Probing;
using ReelRights.Media.Thumbnails;

namespace ReelRights.Media;

/// <summary>
/// The platform's only door to ffmpeg and ffprobe: probe a file, stream its gray frames or mono
/// PCM, grab a thumbnail, and time ffmpeg's bare decode as the benchmark baseline. Every method
/// runs the tools with the limits of <see cref="MediaOptions"/> and fails with a
/// <see cref="MediaException"/> (see <see cref="MediaErrorCodes"/>), or with
/// <see cref="OperationCanceledException"/> when the caller's token is cancelled; in every case
/// the tool process is killed before the method returns. Thread-safe; holds no resources.
/// </summary>
public sealed partial class FfmpegMedia
{
    private readonly MediaOptions options;

    /// <summary>Creates the facade.</summary>
    /// <param name="options">Tool paths and limits; null for the defaults.</param>
    /// <exception cref="ArgumentException">An option value cannot work.</exception>
    public FfmpegMedia(MediaOptions? options = null)
    {
        this.options = options ?? new MediaOptions();
        this.options.Validate();
    }

    /// <summary>The options in use.</summary>
    public MediaOptions Options => options;

    /// <summary>Runs ffprobe on a local file and returns its container, streams and tags.</summary>
    /// <param name="path">A local file path. URL-like paths ("http:", "concat:" …) are refused.</param>
    /// <param name="cancellationToken">Cancels the probe and kills ffprobe.</param>
    /// <returns>What the file declares. Declared values are not checked against limits here.</returns>
    /// <exception cref="MediaException">not-media, unsafe-path, file-not-found, timeout, output-too-large, ffmpeg-missing.</exception>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        var input = InputPath.ToFfmpegInput(path);
        return await ProbeInputAsync(input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams luma frames of the primary video stream at the requested size and rate. Argument
    /// and path errors (unsafe-path, file-not-found) are thrown by the call itself; everything
    /// else while enumerating. Nothing runs until enumeration starts. The file is
    /// probed first; a file with no usable video, or any video stream larger than
    /// <see cref="MediaOptions.MaxPixels"/>, is refused before decoding. Rotation metadata is
    /// honoured: ffmpeg rotates frames upright by default (ffmpeg(1), "-autorotate"), so a
    /// portrait phone video decodes as portrait before being fitted into Width × Height.
    /// </summary>
    /// <param name="path">A local file path.</param>
    /// <param name="request">Size, rate, fit and optional time range.</param>
    /// <param name="cancellationToken">Cancels the decode and kills ffmpeg.</param>
    /// <returns>Frames in order; see <see cref="GrayFrame"/> for timestamps and buffer ownership.</returns>
    /// <exception cref="MediaException">Any code of <see cref="MediaErrorCodes"/> except no-audio-stream.</exception>
    public IAsyncEnumerable<GrayFrame> ReadGrayFramesAsync(
        string path, GrayFrameRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(options.MaxPixels);
        var input = InputPath.ToFfmpegInput(path);
        return ReadGrayFramesCoreAsync(input, null, request, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ReadGrayFramesAsync(string, GrayFrameRequest, CancellationToken)"/>, with the
    /// result of <see cref="ProbeAsync"/> for the same file, so it is not probed again.
    /// </summary>
    public IAsyncEnumerable<GrayFrame> ReadGrayFramesAsync(
        string path, MediaInfo probed, GrayFrameRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probed);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(options.MaxPixels);
        var input = InputPath.ToFfmpegInput(path);
        return ReadGrayFramesCoreAsync(input, probed, request, cancellationToken);
    }

    /// <summary>
    /// Streams the primary audio stream as mono float PCM at the requested rate, down-mixed and
    /// resampled by ffmpeg. Argument and path errors are thrown by the call itself, the rest while
    /// enumerating.
    /// </summary>
    /// <param name="path">A local file path.</param>
    /// <param name="request">Sample rate, chunk size and optional time range.</param>
    /// <param name="cancellationToken">Cancels the decode and kills ffmpeg.</param>
    /// <returns>Chunks in order; see <see cref="PcmChunk"/> for ownership.</returns>
    /// <exception cref="MediaException">not-media, no-audio-stream, timeout, output-too-large, decode-failed and the path codes.</exception>
    public IAsyncEnumerable<PcmChunk> ReadPcmAsync(
        string path, PcmRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var input = InputPath.ToFfmpegInput(path);
        return ReadPcmCoreAsync(input, null, request, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ReadPcmAsync(string, PcmRequest, CancellationToken)"/>, with the result of
    /// <see cref="ProbeAsync"/> for the same file, so it is not probed again.
    /// </summary>
    public IAsyncEnumerable<PcmChunk> ReadPcmAsync(
        string path, MediaInfo probed, PcmRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probed);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var input = InputPath.ToFfmpegInput(path);
        return ReadPcmCoreAsync(input, probed, request, cancellationToken);
    }

    /// <summary>Encodes the frame shown at <see cref="ThumbnailRequest.AtSeconds"/> as JPEG or PNG, upright.</summary>
    /// <param name="path">A local file path.</param>
    /// <param name="request">Time, format and maximum width.</param>
    /// <param name="cancellationToken">Cancels and kills ffmpeg.</param>
    /// <returns>The encoded image.</returns>
    /// <exception cref="MediaException">decode-failed when there is no frame at that time, and the codes of <see cref="ReadGrayFramesAsync(string, GrayFrameRequest, CancellationToken)"/>.</exception>
    public async Task<byte[]> GetThumbnailAsync(
        string path, ThumbnailRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var input = InputPath.ToFfmpegInput(path);
        var video = RequireVideo(await ProbeInputAsync(input, cancellationToken).ConfigureAwait(false));
        var arguments = FfmpegArguments.Thumbnail(options, input, video.Index, request);
        var limits = new RunLimits(options.ThumbnailTimeout, options.MaxBufferedOutputBytes);
        await using var run = ToolRun.Start(options.FfmpegPath, arguments, limits, cancellationToken);
        var image = await run.ReadToEndAsync().ConfigureAwait(false);
        await EnsureSucceededAsync(run).ConfigureAwait(false);
        return image.Length > 0 ? image : throw MediaErrors.NoFrameAt(request.AtSeconds, run.StderrTail);
    }

    /// <summary>
    /// Times <c>ffmpeg -i FILE -f null -</c> with the same thread and safety options as the
    /// decodes above: the "bare decode" floor that bench/ reports extraction cost against
    /// (DESIGN.md, "Fingerprinting"). Process start-up is included, as it is in every extraction.
    /// The file is probed and checked first; the probe is not timed.
    /// </summary>
    /// <param name="path">A local file path.</param>
    /// <param name="cancellationToken">Cancels and kills ffmpeg.</param>
    /// <returns>Wall-clock time from starting ffmpeg to its exit.</returns>
    /// <exception cref="MediaException">The codes of <see cref="ReadGrayFramesAsync(string, GrayFrameRequest, CancellationToken)"/>; no-video-stream is not raised for audio-only files.</exception>
    public async Task<TimeSpan> MeasureBareDecodeAsync(string path, CancellationToken cancellationToken = default)
    {
        var input = InputPath.ToFfmpegInput(path);
        var info = await ProbeInputAsync(input, cancellationToken).ConfigureAwait(false);
        CheckDimensions(info);
        var arguments = FfmpegArguments.BareDecode(options, input);
        var limits = new RunLimits(options.DecodeTimeout, options.MaxBufferedOutputBytes);
        var stopwatch = Stopwatch.StartNew();
        await using var run = ToolRun.Start(options.FfmpegPath, arguments, limits, cancellationToken);
        await run.ReadToEndAsync().ConfigureAwait(false);
        await EnsureSucceededAsync(run).ConfigureAwait(false);
        return stopwatch.Elapsed;
    }

    private async Task<MediaInfo> ProbeInputAsync(string input, CancellationToken cancellationToken)
    {
        var arguments = FfmpegArguments.Probe(options, input);
        var limits = new RunLimits(options.ProbeTimeout, options.MaxBufferedOutputBytes);
        await using var run = ToolRun.Start(options.FfprobePath, arguments, limits, cancellationToken);
        var json = await run.ReadToEndAsync().ConfigureAwait(false);
        if (await run.WaitForExitAsync().ConfigureAwait(false) != 0)
        {
            // ffprobe fails only when it cannot open or read the input at all.
            throw MediaErrors.NotMedia(run.StderrTail);
        }

        MediaInfo info;
        try
        {
            info = ProbeJsonParser.Parse(json);
        }
        catch (JsonException e)
        {
            throw MediaErrors.NotMedia(run.StderrTail, e);
        }

        return info.HasStreams ? info : throw MediaErrors.NotMedia(run.StderrTail);
    }

    private async IAsyncEnumerable<GrayFrame> ReadGrayFramesCoreAsync(
        string input, MediaInfo? probed, GrayFrameRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var video = RequireVideo(probed ?? await ProbeInputAsync(input, cancellationToken).ConfigureAwait(false));
        var arguments = FfmpegArguments.GrayFrames(options, input, video.Index, request);
        var limits = new RunLimits(options.DecodeTimeout, options.MaxStreamedOutputBytes);
        await using var run = ToolRun.Start(options.FfmpegPath, arguments, limits, cancellationToken);
        var frameBytes = request.Width * request.Height;
        var start = request.StartSeconds ?? 0;
        var secondsPerFrame = (double)request.FrameRate.Denominator / request.FrameRate.Numerator;
        for (long index = 0; ; index++)
        {
            var pixels = new byte[frameBytes];
            var read = await run.ReadBlockAsync(pixels).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (read < frameBytes)
            {
                await EnsureSucceededAsync(run).ConfigureAwait(false);
                throw MediaErrors.TruncatedOutput("ffmpeg", run.StderrTail);
            }

            yield return new GrayFrame(index, start + (index * secondsPerFrame), request.Width, request.Height, pixels);
        }

        await EnsureSucceededAsync(run).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<PcmChunk> ReadPcmCoreAsync(
        string input, MediaInfo? probed, PcmRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var info = probed ?? await ProbeInputAsync(input, cancellationToken).ConfigureAwait(false);
        var audio = info.PrimaryAudio ?? throw MediaErrors.NoAudioStream();
        var arguments = FfmpegArguments.Pcm(options, input, audio.Index, request);
        var limits = new RunLimits(options.DecodeTimeout, options.MaxStreamedOutputBytes);
        await using var run = ToolRun.Start(options.FfmpegPath, arguments, limits, cancellationToken);
        var buffer = new byte[request.ChunkSamples * sizeof(float)];
        var start = request.StartSeconds ?? 0;
        long samplesBefore = 0;
        while (true)
        {
            var read = await run.ReadBlockAsync(buffer).ConfigureAwait(false);
            if (read % sizeof(float) != 0)
            {
                await EnsureSucceededAsync(run).ConfigureAwait(false);
                throw MediaErrors.TruncatedOutput("ffmpeg", run.StderrTail);
            }

            if (read == 0)
            {
                break;
            }

            var samples = ToFloats(buffer.AsSpan(0, read));
            yield return new PcmChunk(start + ((double)samplesBefore / request.SampleRate), request.SampleRate, samples);
            samplesBefore += samples.Length;
        }

        await EnsureSucceededAsync(run).ConfigureAwait(false);
    }

    private static float[] ToFloats(ReadOnlySpan<byte> littleEndian)
    {
        var samples = new float[littleEndian.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(littleEndian).CopyTo(samples);
        }
        else
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = BinaryPrimitives.ReadSingleLittleEndian(littleEndian[(i * sizeof(float))..]);
            }
        }

        return samples;
    }

    private VideoStreamInfo RequireVideo(MediaInfo info)
    {
        var video = info.PrimaryVideo ?? throw MediaErrors.NoVideoStream();
        CheckDimensions(info);
        return video;
    }

    /// <summary>
    /// Refuses a file if any of its video streams declares more than MaxPixels, not only the one
    /// decoded: ffmpeg's default stream selection (bare decode) picks the largest picture.
    /// </summary>
    private void CheckDimensions(MediaInfo info)
    {
        var largest = info.VideoStreams.MaxBy(v => v.PixelCount);
        if (largest is not null && largest.PixelCount > options.MaxPixels)
        {
            throw MediaErrors.TooLargeDimensions(largest.Width, largest.Height, options.MaxPixels);
        }
    }

    private static async Task EnsureSucceededAsync(ToolRun run)
    {
        var exitCode = await run.WaitForExitAsync().ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw MediaErrors.DecodeFailed("ffmpeg", exitCode, run.StderrTail);
        }
    }
}
