using System.Globalization;

namespace ReelRights.Media.Invocation;

/// <summary>
/// Every <see cref="MediaException"/> the library throws is made here, so codes and the wording
/// of both languages stay consistent. Messages name no server path: hosts may show them to users.
/// </summary>
internal static class MediaErrors
{
    public static MediaException NotMedia(string? toolOutput, Exception? inner = null) => new(
        MediaErrorCodes.NotMedia,
        "无法识别为音视频文件，或其封装格式不在允许范围内",
        "The file is not recognised as audio or video, or its container format is not allowed.",
        toolOutput,
        inner);

    public static MediaException NoVideoStream() => new(
        MediaErrorCodes.NoVideoStream,
        "文件中没有可解码的视频流",
        "The file has no decodable video stream.");

    public static MediaException NoAudioStream() => new(
        MediaErrorCodes.NoAudioStream,
        "文件中没有音频流",
        "The file has no audio stream.");

    public static MediaException Timeout(string tool, TimeSpan limit, string? toolOutput) => new(
        MediaErrorCodes.Timeout,
        Invariant($"{tool} 运行超过 {limit.TotalSeconds:0.###} 秒，已被终止"),
        Invariant($"{tool} ran longer than {limit.TotalSeconds:0.###} s and was stopped."),
        toolOutput);

    public static MediaException OutputTooLarge(string tool, long limitBytes, string? toolOutput) => new(
        MediaErrorCodes.OutputTooLarge,
        Invariant($"{tool} 的输出超过 {limitBytes} 字节上限，已被终止"),
        Invariant($"{tool} wrote more than the limit of {limitBytes} bytes and was stopped."),
        toolOutput);

    public static MediaException TooLargeDimensions(int width, int height, long maxPixels) => new(
        MediaErrorCodes.TooLargeDimensions,
        Invariant($"画面尺寸 {width}×{height} 超过 {maxPixels} 像素上限，未解码"),
        Invariant($"The picture size {width}x{height} exceeds the limit of {maxPixels} pixels; nothing was decoded."));

    public static MediaException ToolMissing(string executable, Exception inner) => new(
        MediaErrorCodes.FfmpegMissing,
        Invariant($"无法启动 {Path.GetFileName(executable)}，请确认已安装 ffmpeg 并在 PATH 中"),
        Invariant($"Could not start {Path.GetFileName(executable)}; make sure ffmpeg is installed and on PATH."),
        innerException: inner);

    public static MediaException DecodeFailed(string tool, int exitCode, string? toolOutput) => new(
        MediaErrorCodes.DecodeFailed,
        Invariant($"{tool} 解码失败（退出码 {exitCode}）"),
        Invariant($"{tool} failed to decode the file (exit code {exitCode})."),
        toolOutput);

    public static MediaException TruncatedOutput(string tool, string? toolOutput) => new(
        MediaErrorCodes.DecodeFailed,
        Invariant($"{tool} 的输出在一帧或一个样本中途结束"),
        Invariant($"{tool} output ended in the middle of a frame or sample."),
        toolOutput);

    public static MediaException NoFrameAt(double seconds, string? toolOutput) => new(
        MediaErrorCodes.DecodeFailed,
        Invariant($"在 {seconds:0.###} 秒处没有可解码的画面"),
        Invariant($"No frame could be decoded at {seconds:0.###} s."),
        toolOutput);

    public static MediaException UnsafePath() => new(
        MediaErrorCodes.UnsafePath,
        "路径看起来像网址或协议，已拒绝；请提供本地文件路径",
        "The path looks like a URL or protocol and was refused; pass a local file path.");

    public static MediaException FileNotFound() => new(
        MediaErrorCodes.FileNotFound,
        "文件不存在",
        "The file does not exist.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
