namespace ReelRights.Media.Probing;

/// <summary>What ffprobe says about a file: container, streams and every metadata tag.</summary>
/// <param name="FormatName">ffmpeg demuxer name(s), e.g. "mov,mp4,m4a,3gp,3g2,mj2".</param>
/// <param name="DurationSeconds">Container duration; null when the file does not state one.</param>
/// <param name="FormatTags">Every container tag, verbatim (keys are case-sensitive).</param>
/// <param name="VideoStreams">Video streams in file order, cover art included (see <see cref="VideoStreamInfo.IsAttachedPicture"/>).</param>
/// <param name="AudioStreams">Audio streams in file order.</param>
/// <param name="OtherStreams">Subtitle, data and attachment streams in file order.</param>
public sealed record MediaInfo(
    string FormatName,
    double? DurationSeconds,
    IReadOnlyDictionary<string, string> FormatTags,
    IReadOnlyList<VideoStreamInfo> VideoStreams,
    IReadOnlyList<AudioStreamInfo> AudioStreams,
    IReadOnlyList<OtherStreamInfo> OtherStreams)
{
    /// <summary>
    /// The stream frames are decoded from: the first video stream that is not cover art and has
    /// a known size. Null when there is none.
    /// </summary>
    public VideoStreamInfo? PrimaryVideo =>
        VideoStreams.FirstOrDefault(v => !v.IsAttachedPicture && v.Width > 0 && v.Height > 0);

    /// <summary>The stream PCM is decoded from: the first audio stream; null when there is none.</summary>
    public AudioStreamInfo? PrimaryAudio => AudioStreams.Count > 0 ? AudioStreams[0] : null;

    /// <summary>True when ffprobe found at least one stream.</summary>
    public bool HasStreams => VideoStreams.Count + AudioStreams.Count + OtherStreams.Count > 0;

    /// <summary>
    /// Every tag of the container and of each stream, container first, then streams in index
    /// order. Implicit AIGC labels (GB 45438-2025) may sit at either level, so callers scan all.
    /// </summary>
    /// <returns>The tags with where each came from.</returns>
    public IEnumerable<MediaTag> EnumerateTags()
    {
        foreach (var (key, value) in FormatTags)
        {
            yield return new MediaTag(null, key, value);
        }

        var streams = VideoStreams.Select(v => (v.Index, v.Tags))
            .Concat(AudioStreams.Select(a => (a.Index, a.Tags)))
            .Concat(OtherStreams.Select(o => (o.Index, o.Tags)))
            .OrderBy(s => s.Index);
        foreach (var (index, tags) in streams)
        {
            foreach (var (key, value) in tags)
            {
                yield return new MediaTag(index, key, value);
            }
        }
    }
}
