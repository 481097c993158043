using ReelRights.Core.Fingerprints;
using ReelRights.Core;
using ReelRights.Fingerprinting;
using ReelRights.Media;

namespace ReelRights.Cli.Fingerprinting;

/// <summary>Reads a command's FILE_OR_RRFP argument, and turns engine and media errors into the CLI's bilingual errors.</summary>
internal static class FingerprintInputs
{
    public static async Task<Fingerprint> ReadAsync(string path, int decoderThreads, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw ReelRightsException.Invalid("file-not-found", $"找不到文件：{path}", $"File not found: {path}");
        }

        try
        {
            if (await IsFingerprintFileAsync(path, cancellationToken))
            {
                await using var stream = File.OpenRead(path);
                return Fingerprint.ReadFrom(stream);
            }

            return await new MediaFingerprinter(new FfmpegMedia(new MediaOptions { DecoderThreads = decoderThreads })).FingerprintAsync(path, cancellationToken);
        }
        catch (FingerprintFormatException e)
        {
            throw Bilingual("invalid-fingerprint", e.Message, path);
        }
        catch (MediaException e)
        {
            throw ReelRightsException.Invalid(e.Code, $"{e.ChineseMessage}（{path}）", $"{e.EnglishMessage} ({path})");
        }
        catch (InvalidOperationException e) when (e.Message.Contains(" / ", StringComparison.Ordinal))
        {
            throw Bilingual("nothing-to-analyse", e.Message, path);
        }
    }

    public static ReelRightsException Bilingual(string code, string message, string path)
    {
        var split = message.IndexOf(" / ", StringComparison.Ordinal);
        return split < 0
            ? ReelRightsException.Invalid(code, $"{message}（{path}）", $"{message} ({path})")
            : ReelRightsException.Invalid(code, $"{message[..split]}（{path}）", $"{message[(split + 3)..]} ({path})");
    }

    private static async Task<bool> IsFingerprintFileAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        await using var stream = File.OpenRead(path);
        var read = await stream.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken);
        return read == 4 && head.AsSpan().SequenceEqual("RRFP"u8);
    }
}
