using System.Text;
using System.Text.Json;

namespace ReelRights.Bench;

/// <summary>
/// Drives the `reelrights` CLI through its scripting contract (issue 6):
/// `fingerprint FILE -o OUT.rrfp`, `index add --index DIR --id ID FILE_OR_RRFP...`,
/// `match --index DIR FILE_OR_RRFP... --json`, each with `--threads N` (the decoder threads the
/// bare-decode baseline uses too, so CPU times compare like with like).
/// </summary>
internal sealed class FingerprintEngine(string cli, int threads)
{
    public string Cli { get; } = cli;

    private string Threads => threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public FingerprintRun Fingerprint(string file, string output) => FingerprintProcesses.Run(Cli, ["fingerprint", file, "-o", output, "--threads", Threads], Timeout);

    public FingerprintRun IndexAdd(string index, string id, params string[] files) => FingerprintProcesses.Run(Cli, ["index", "add", "--index", index, "--id", id, "--threads", Threads, .. files], Timeout);

    /// <summary>Adds many files at once, listed one per line in a response file, without the common-content search.</summary>
    public FingerprintRun IndexAddBulk(string index, string idPrefix, string listFile) =>
        FingerprintProcesses.Run(Cli, ["index", "add", "--index", index, "--id", idPrefix, "--skip-common-content", "--threads", Threads, "@" + listFile], TimeSpan.FromHours(2));

    public FingerprintRun Match(string index, IEnumerable<string> files) => FingerprintProcesses.Run(Cli, ["match", "--index", index, .. files, "--json", "--threads", Threads], Timeout);

    /// <summary>Finds the CLI; null (with the reason) when it is not there or has no `fingerprint` command yet.</summary>
    public static FingerprintEngine? Probe(string cli, int threads, string sampleFile, string workDir, out string reason)
    {
        if (!File.Exists(cli))
        {
            reason = $"reelrights CLI not found at {cli}: build it (run `./reelrights --help` once: it publishes the CLI ahead-of-time compiled into .build/cli) or pass --cli PATH";
            return null;
        }
        var engine = new FingerprintEngine(cli, threads);
        var probe = engine.Fingerprint(sampleFile, Path.Combine(workDir, "probe.rrfp"));
        if (!probe.Ok)
        {
            reason = $"`{Path.GetFileName(cli)} fingerprint` failed (exit {probe.ExitCode}); the engine CLI is probably not there yet: {FingerprintProcesses.Tail(probe.Stderr + probe.Stdout, 3)}";
            return null;
        }
        reason = "";
        return engine;
    }

    /// <summary>Parses the match output: one JSON object per query, as JSON lines, concatenated objects, or an array.</summary>
    public static List<QueryResult> ParseMatches(string stdout)
    {
        var list = new List<QueryResult>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stdout), new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, AllowMultipleValues = true });
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind == JsonValueKind.Array)
            {
                list.AddRange(doc.RootElement.EnumerateArray().Select(e => e.Deserialize<QueryResult>(FingerprintJson.Options)!));
            }
            else if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                list.Add(doc.RootElement.Deserialize<QueryResult>(FingerprintJson.Options)!);
            }
        }
        foreach (var r in list)
        {
            r.Matches.RemoveAll(m => m is null);
        }
        return list;
    }
}
