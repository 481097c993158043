namespace ReelRights.Media.Invocation;

/// <summary>
/// Turns a caller's path into the one string handed to ffmpeg as its input. The path travels in
/// ProcessStartInfo.ArgumentList (never a shell string), but ffmpeg itself still interprets it:
/// a leading '-' reads as an option and "scheme:" selects a protocol (ffmpeg-protocols(1):
/// "concat:", "pipe:", "http:", "subfile:" …). So URL-like paths are refused, and every other path
/// is made absolute and prefixed with "file:", which pins ffmpeg's file protocol whatever follows.
/// </summary>
internal static class InputPath
{
    private const string FileProtocolPrefix = "file:";

    /// <summary>Validates <paramref name="path"/> and returns it as "file:/absolute/path".</summary>
    /// <param name="path">A local file path, absolute or relative to the current directory.</param>
    /// <returns>The input argument for ffmpeg/ffprobe.</returns>
    /// <exception cref="MediaException">Code unsafe-path or file-not-found.</exception>
    public static string ToFfmpegInput(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal) || LooksLikeProtocol(path))
        {
            throw MediaErrors.UnsafePath();
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw MediaErrors.FileNotFound();
        }

        return FileProtocolPrefix + fullPath;
    }

    /// <summary>
    /// True when the path starts with a URI scheme (RFC 3986 §3.1: a letter, then letters, digits,
    /// '+', '-' or '.') followed by ':' — the same test as ffmpeg's url_find_protocol in
    /// libavformat/avio.c, including its one irregular form "subfile,options:". A single letter is a
    /// Windows drive ("C:\"), not a scheme.
    /// </summary>
    internal static bool LooksLikeProtocol(string path)
    {
        if (path.StartsWith("subfile,", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var colon = path.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(path[0]))
        {
            return false;
        }

        foreach (var c in path.AsSpan(1, colon - 1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
