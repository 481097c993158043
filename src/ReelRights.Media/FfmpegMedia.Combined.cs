using ReelRights.Media.Audio;
using ReelRights.Media.Frames;
using ReelRights.Media.Invocation;
using ReelRights.Media.Probing;

namespace ReelRights.Media;

// The one-run decode of a file's picture and sound (ReadGrayFramesAndPcmAsync).
public sealed partial class FfmpegMedia
{
    /// <summary>
    /// Decodes the primary video stream as <see cref="ReadGrayFramesAsync(string, MediaInfo, GrayFrameRequest, CancellationToken)"/>
    /// and the primary audio stream as <see cref="ReadPcmAsync(string, MediaInfo, PcmRequest, CancellationToken)"/>
    /// in one ffmpeg run (one demux, one start-up): frames are handed over as they are decoded,
    /// the audio (kept in a temporary file meanwhile) once the video has ended. Both requests
    /// must cover the same range.
    /// </summary>
    /// <param name="path">Media file path.</param>
    /// <param name="probed">This file's probe result; it must have a video and an audio stream.</param>
    /// <param name="video">Frame size, rate and range.</param>
    /// <param name="audio">Sample rate and chunk size; its range must equal <paramref name="video"/>'s.</param>
    /// <param name="onFrame">Called for each frame, in order.</param>
    /// <param name="onPcm">Called for each chunk of samples, in order, after the last frame.</param>
    /// <param name="cancellationToken">Kills ffmpeg and stops.</param>
    /// <exception cref="MediaException">The codes of both reads.</exception>
    public async Task ReadGrayFramesAndPcmAsync(
        string path, MediaInfo probed, GrayFrameRequest video, PcmRequest audio,
        Func<GrayFrame, ValueTask> onFrame, Action<PcmChunk> onPcm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probed);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(onFrame);
        ArgumentNullException.ThrowIfNull(onPcm);
        if (audio.StartSeconds != video.StartSeconds || audio.DurationSeconds != video.DurationSeconds)
        {
            throw new ArgumentException("The audio and video requests must cover the same range.", nameof(audio));
        }

        video.Validate(options.MaxPixels);
        audio.Validate();
        var input = InputPath.ToFfmpegInput(path);
        var videoStream = RequireVideo(probed);
        var audioStream = probed.PrimaryAudio ?? throw MediaErrors.NoAudioStream();
        var pcmPath = Path.Combine(Path.GetTempPath(), $"reelrights-pcm-{Guid.NewGuid():N}.f32");
        try
        {
            var arguments = FfmpegArguments.GrayFramesAndPcm(
                options, input, videoStream.Index, video, audioStream.Index, audio, pcmPath, options.MaxStreamedOutputBytes);
            var limits = new RunLimits(options.DecodeTimeout, options.MaxStreamedOutputBytes);
            await using (var run = ToolRun.Start(options.FfmpegPath, arguments, limits, cancellationToken))
            {
                // Frames are read on a thread of their own with blocking reads: about a tenth of
                // the CPU of a fingerprint went to asynchronous pipe reads.
                await Task.Factory.StartNew(
                    () => ReadFrames(run, video, onFrame), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                await EnsureSucceededAsync(run).ConfigureAwait(false);
            }

            await using var pcm = new FileStream(pcmPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (pcm.Length >= options.MaxStreamedOutputBytes)
            {
                throw MediaErrors.OutputTooLarge("ffmpeg", options.MaxStreamedOutputBytes, string.Empty);
            }

            var buffer = new byte[audio.ChunkSamples * sizeof(float)];
            var start = audio.StartSeconds ?? 0;
            long samplesBefore = 0;
            int read;
            while ((read = await pcm.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)) > 0)
            {
                // ffmpeg wrote whole samples and has exited successfully: a partial one is damage.
                if (read % sizeof(float) != 0)
                {
                    throw MediaErrors.TruncatedOutput("ffmpeg", string.Empty);
                }

                var samples = ToFloats(buffer.AsSpan(0, read));
                onPcm(new PcmChunk(start + ((double)samplesBefore / audio.SampleRate), audio.SampleRate, samples));
                samplesBefore += samples.Length;
            }
        }
        finally
        {
            File.Delete(pcmPath);
        }
    }

    /// <summary>Raw gray frames from a run's stdout until it ends, each handed to <paramref name="onFrame"/> (blocking).</summary>
    private static void ReadFrames(ToolRun run, GrayFrameRequest request, Func<GrayFrame, ValueTask> onFrame)
    {
        var frameBytes = request.Width * request.Height;
        var start = request.StartSeconds ?? 0;
        var secondsPerFrame = (double)request.FrameRate.Denominator / request.FrameRate.Numerator;
        for (long index = 0; ; index++)
        {
            var pixels = new byte[frameBytes];
            var read = run.ReadBlock(pixels);
            if (read == 0)
            {
                return;
            }

            if (read < frameBytes)
            {
                EnsureSucceededAsync(run).GetAwaiter().GetResult();
                throw MediaErrors.TruncatedOutput("ffmpeg", run.StderrTail);
            }

            var handled = onFrame(new GrayFrame(index, start + (index * secondsPerFrame), request.Width, request.Height, pixels));
            if (!handled.IsCompletedSuccessfully)
            {
                handled.AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
