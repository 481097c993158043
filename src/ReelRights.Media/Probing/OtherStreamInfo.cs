namespace ReelRights.Media.Probing;

/// <summary>
/// A stream that is neither audio nor video (subtitles, data, attachments). Kept because its tags
/// may carry labels such as the GB 45438-2025 implicit AIGC metadata.
/// </summary>
/// <param name="Index">Absolute stream index in the file.</param>
/// <param name="CodecType">ffprobe <c>codec_type</c>, e.g. "subtitle", "data", "attachment".</param>
/// <param name="CodecName">ffmpeg codec name; empty when unknown.</param>
/// <param name="Tags">Every stream tag, verbatim.</param>
public sealed record OtherStreamInfo(
    int Index,
    string CodecType,
    string CodecName,
    IReadOnlyDictionary<string, string> Tags);
