namespace ReelRights.Media.Probing;

/// <summary>An audio stream as ffprobe reports it.</summary>
/// <param name="Index">Absolute stream index in the file.</param>
/// <param name="CodecName">ffmpeg codec name, e.g. "aac"; empty when unknown.</param>
/// <param name="SampleRate">Samples per second; 0 when unknown.</param>
/// <param name="Channels">Channel count; 0 when unknown.</param>
/// <param name="ChannelLayout">Layout name such as "stereo"; empty when unknown.</param>
/// <param name="DurationSeconds">Stream duration when the container states one.</param>
/// <param name="Tags">Every stream tag, verbatim.</param>
public sealed record AudioStreamInfo(
    int Index,
    string CodecName,
    int SampleRate,
    int Channels,
    string ChannelLayout,
    double? DurationSeconds,
    IReadOnlyDictionary<string, string> Tags);
