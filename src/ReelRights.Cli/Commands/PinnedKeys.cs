using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ReelRights.Core;
using ReelRights.Ledger.Notes;

namespace ReelRights.Cli.Commands;

/// <summary>
/// The keys a verifier trusts, given on the command line: <c>--key</c> verifier key strings and/or
/// <c>--key-file</c>, either one key per line or the JSON of <c>/api/ledger/keys</c> (which also
/// carries the TSA certificate). Nothing is fetched: trust is what the person pinned.
/// </summary>
internal sealed class PinnedKeys
{
    public static readonly Option<string[]> Key = new("--key")
    {
        Description = "信任的检查点公钥（可多次） / Pinned checkpoint verifier key (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<FileInfo?> KeyFile = new("--key-file")
    {
        Description = "公钥文件：每行一个，或 /api/ledger/keys 的 JSON / Key file: one per line, or the JSON of /api/ledger/keys",
    };

    public static readonly Option<FileInfo?> TsaCert = new("--tsa-cert")
    {
        Description = "信任的时间戳证书（PEM） / Trusted TSA certificate (PEM)",
    };

    public required IReadOnlyList<INoteVerifier> Verifiers { get; init; }
    public required IReadOnlyList<X509Certificate2> TsaCertificates { get; init; }

    public static void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(KeyFile);
        command.Options.Add(TsaCert);
    }

    public static PinnedKeys From(ParseResult parse)
    {
        var keys = new List<string>(parse.GetValue(Key) ?? []);
        var certs = new List<X509Certificate2>();
        if (parse.GetValue(KeyFile) is { } file)
        {
            var text = ReadFile(file);
            if (text.TrimStart().StartsWith('{'))
            {
                ReadKeysJson(text, keys, certs);
            }
            else
            {
                keys.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#')));
            }
        }
        if (parse.GetValue(TsaCert) is { } tsa)
        {
            certs.Add(X509Certificate2.CreateFromPem(ReadFile(tsa)));
        }
        if (keys.Count == 0)
        {
            throw ReelRightsException.Invalid("no-pinned-key",
                "请用 --key 或 --key-file 指定信任的公钥（可从平台的 /api/ledger/keys 获取并保存）。",
                "Pin a key with --key or --key-file (get it once from the platform's /api/ledger/keys and keep it).");
        }
        var verifiers = new List<INoteVerifier>();
        foreach (var key in keys)
        {
            try
            {
                verifiers.Add(NoteKeys.ParseVerifierKey(key));
            }
            catch (FormatException e)
            {
                throw ReelRightsException.Invalid("invalid-key", $"公钥格式无效：{e.Message}", $"Invalid verifier key: {e.Message}");
            }
        }
        return new PinnedKeys { Verifiers = verifiers, TsaCertificates = certs };
    }

    private static void ReadKeysJson(string text, List<string> keys, List<X509Certificate2> certs)
    {
        try
        {
            var json = JsonDocument.Parse(text).RootElement;
            keys.AddRange(json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("verifierKey").GetString()!));
            if (json.TryGetProperty("tsaCertificatePem", out var pem))
            {
                certs.Add(X509Certificate2.CreateFromPem(pem.GetString()));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            throw ReelRightsException.Invalid("invalid-key-file", "公钥文件不是 /api/ledger/keys 的 JSON。", "The key file is not the JSON of /api/ledger/keys.");
        }
    }

    public static string ReadFile(FileInfo file)
    {
        if (!file.Exists)
        {
            throw ReelRightsException.Invalid("file-not-found", $"找不到文件：{file.FullName}", $"File not found: {file.FullName}");
        }
        if (file.Length > 16 * 1024 * 1024)
        {
            throw ReelRightsException.Invalid("file-too-large", "文件过大。", "The file is too large.");
        }
        return File.ReadAllText(file.FullName);
    }
}
