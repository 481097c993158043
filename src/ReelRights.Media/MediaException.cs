namespace ReelRights.Media;

/// <summary>
/// A media operation failed in a way the caller can report to a person: <see cref="Code"/> is one of
/// <see cref="MediaErrorCodes"/>, <see cref="Exception.Message"/> is "中文 / English". Cancellation
/// through the caller's token is not reported this way; it throws
/// <see cref="OperationCanceledException"/> as usual.
/// </summary>
public sealed class MediaException : Exception
{
    /// <summary>Creates an exception with a stable code and a message in Chinese and English.</summary>
    /// <param name="code">One of <see cref="MediaErrorCodes"/>.</param>
    /// <param name="chineseMessage">The message in Chinese, shown first.</param>
    /// <param name="englishMessage">The same message in English.</param>
    /// <param name="toolOutput">The last lines ffmpeg/ffprobe wrote to stderr, if any.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public MediaException(
        string code,
        string chineseMessage,
        string englishMessage,
        string? toolOutput = null,
        Exception? innerException = null)
        : base($"{chineseMessage} / {englishMessage}", innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        ChineseMessage = chineseMessage;
        EnglishMessage = englishMessage;
        ToolOutput = string.IsNullOrWhiteSpace(toolOutput) ? null : toolOutput;
    }

    /// <summary>Stable machine-readable code, one of <see cref="MediaErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The message in Chinese.</summary>
    public string ChineseMessage { get; }

    /// <summary>The message in English.</summary>
    public string EnglishMessage { get; }

    /// <summary>
    /// The tail (at most 8 KB) of the tool's stderr. Meant for logs and operators: it may contain
    /// server paths, so hosts should not show it to end users.
    /// </summary>
    public string? ToolOutput { get; }
}
