using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting;

/// <summary>
/// Turns decoded media into a <see cref="Fingerprint"/>. Feed gray frames decoded at
/// <see cref="AnalysisFormat.VideoFrameRate"/> fps and <see cref="AnalysisFormat.AnalysisSize"/>,
/// and mono float PCM at <see cref="AnalysisFormat.AudioSampleRate"/> Hz, each in time order, then
/// call <see cref="Complete"/>. Video and audio may be fed from two threads (one each); otherwise
/// not thread-safe. Memory is bounded by about 12 s of analysis frames.
/// </summary>
public sealed class FingerprintExtractor
{
    private VideoTrackBuilder? video;
    private AudioTrackBuilder? audio;
    private int width;
    private int height;

    /// <summary>Adds the next analysis frame.</summary>
    /// <param name="luma">width × height bytes, row-major, full-range luma.</param>
    /// <param name="frameWidth">Frame width; the same for every frame.</param>
    /// <param name="frameHeight">Frame height; the same for every frame.</param>
    /// <exception cref="ArgumentException">The size differs from the first frame or does not match the buffer.</exception>
    public void AddVideoFrame(ReadOnlySpan<byte> luma, int frameWidth, int frameHeight)
    {
        if (video is null)
        {
            video = new VideoTrackBuilder(frameWidth, frameHeight);
            width = frameWidth;
            height = frameHeight;
        }
        else if (frameWidth != width || frameHeight != height)
        {
            throw new ArgumentException("Every frame must have the size of the first one.", nameof(frameWidth));
        }

        video.Add(luma);
    }

    /// <summary>Adds the next mono samples.</summary>
    /// <param name="samples">Float samples in [-1, 1] at 8 kHz.</param>
    public void AddAudio(ReadOnlySpan<float> samples)
    {
        audio ??= new AudioTrackBuilder();
        audio.Add(samples);
    }

    /// <summary>Finishes the tracks that received data.</summary>
    /// <returns>The fingerprint.</returns>
    /// <exception cref="InvalidOperationException">Neither frames nor samples were added.</exception>
    public Fingerprint Complete()
    {
        var videoTrack = video?.Build();
        var audioTrack = audio?.Build();
        if (videoTrack is not { FrameCount: > 0 })
        {
            videoTrack = null;
        }

        if (audioTrack is not { FrameCount: > 0 })
        {
            audioTrack = null;
        }

        return videoTrack is null && audioTrack is null
            ? throw new InvalidOperationException("没有可分析的画面或声音。 / Nothing to analyse: no frames and no audio.")
            : new Fingerprint(videoTrack, audioTrack);
    }
}
