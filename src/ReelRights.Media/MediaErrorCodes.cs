namespace ReelRights.Media;

/// <summary>
/// Stable values of <see cref="MediaException.Code"/>. They are a contract: hosts map them to
/// ProblemDetails types and the CLI prints them, so existing values never change meaning.
/// </summary>
public static class MediaErrorCodes
{
    /// <summary>ffprobe could not open the file as audio or video, or its demuxer is not allowed.</summary>
    public const string NotMedia = "not-media";

    /// <summary>The file has no decodable video stream (cover art does not count).</summary>
    public const string NoVideoStream = "no-video-stream";

    /// <summary>The file has no audio stream.</summary>
    public const string NoAudioStream = "no-audio-stream";

    /// <summary>The run exceeded its wall-clock limit and was killed.</summary>
    public const string Timeout = "timeout";

    /// <summary>The run wrote more bytes than its limit allows and was killed.</summary>
    public const string OutputTooLarge = "output-too-large";

    /// <summary>The declared picture size exceeds <see cref="MediaOptions.MaxPixels"/>; nothing was decoded.</summary>
    public const string TooLargeDimensions = "too-large-dimensions";

    /// <summary>The ffmpeg or ffprobe executable could not be started.</summary>
    public const string FfmpegMissing = "ffmpeg-missing";

    /// <summary>ffmpeg failed (non-zero exit or incomplete output) while decoding a probed file.</summary>
    public const string DecodeFailed = "decode-failed";

    /// <summary>The path looks like a URL or protocol (e.g. <c>http:</c>, <c>concat:</c>) and was refused.</summary>
    public const string UnsafePath = "unsafe-path";

    /// <summary>The path does not name an existing file.</summary>
    public const string FileNotFound = "file-not-found";
}
