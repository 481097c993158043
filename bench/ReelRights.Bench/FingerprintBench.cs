using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReelRights.Bench;

/// <summary>
/// Fingerprinting benchmark over the corpus of bench/corpus/make-corpus.sh: recall, false matches
/// and segment IoU per transformation for the reelrights engine (through its CLI) and, measured in
/// the same run, ffmpeg's MPEG-7 signature filter and Chromaprint; extraction cost as a ratio to
/// ffmpeg's bare decode of the same files; query latency; and latency/memory as the index grows.
/// </summary>
internal static class FingerprintBench
{
    private sealed class Options
    {
        public string Corpus = "";
        public string Cli = "";
        public int Threads = 1;
        public double ScaleHours = 1000;
        public double ScaleBudgetMinutes = 20;
        public int SignatureBatch = 8;
        public bool SkipPeers;
        public bool SkipEngine;
        public string Results = "";
    }

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Task<int> RunAsync(string[] args)
    {
        var root = FindRepoRoot();
        var o = new Options
        {
            Corpus = Environment.GetEnvironmentVariable("RR_CORPUS_OUT") ?? Path.Combine(root, "bench", "corpus", "out"),
            Cli = Path.Combine(root, ".build", "cli", "reelrights.dll"),
            Results = Path.Combine(root, "bench", "results"),
        };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--corpus": o.Corpus = Next(); break;
                case "--cli": o.Cli = Next(); break;
                case "--threads": o.Threads = int.Parse(Next(), Inv); break;
                case "--scale-hours": o.ScaleHours = double.Parse(Next(), Inv); break;
                case "--scale-budget-minutes": o.ScaleBudgetMinutes = double.Parse(Next(), Inv); break;
                case "--signature-batch": o.SignatureBatch = int.Parse(Next(), Inv); break;
                case "--skip-peers": o.SkipPeers = true; break;
                case "--skip-engine": o.SkipEngine = true; break;
                case "--results": o.Results = Next(); break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    Console.Error.WriteLine("usage: fingerprint [--corpus DIR] [--cli reelrights.dll] [--threads N] [--scale-hours H] [--scale-budget-minutes M] [--signature-batch N] [--skip-peers] [--skip-engine] [--results DIR]");
                    return Task.FromResult(2);
            }
        }
        if (!File.Exists(Path.Combine(o.Corpus, "truth.json")))
        {
            Console.Error.WriteLine($"no corpus at {o.Corpus} (truth.json missing): run bench/corpus/make-corpus.sh first, or pass --corpus DIR");
            return Task.FromResult(2);
        }
        return Task.FromResult(Run(o, root));
    }

    private static void Log(string s) => Console.Error.WriteLine($"[fingerprint] {s}");

    private static int Run(Options o, string root)
    {
        var started = DateTime.UtcNow;
        var truth = FingerprintTruth.Load(o.Corpus);
        var work = Path.Combine(Path.GetFullPath(o.Corpus), "bench-work");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
        Directory.CreateDirectory(work);
        var report = new Report { Corpus = o.Corpus, References = truth.References.Count, Queries = truth.Queries.Count, Threads = o.Threads };
        report.ReferenceHours = truth.References.Sum(r => r.Duration) / 3600;
        Log($"{truth.References.Count} references ({report.ReferenceHours * 60:F1} min), {truth.Queries.Count} queries");

        // ---- engine
        FingerprintEngine? engine = null;
        if (!o.SkipEngine)
        {
            engine = FingerprintEngine.Probe(Path.GetFullPath(o.Cli), o.Threads, truth.FullPath(truth.References[0].Path), work, out var reason);
            if (engine is null)
            {
                Log(reason);
                report.EngineSkipped = reason;
            }
        }
        if (engine is not null)
        {
            RunEngine(engine, truth, o, work, report);
        }

        // ---- peers
        if (!o.SkipPeers)
        {
            RunChromaprint(truth, o, report);
            Log("ffmpeg signature filter");
            var (sig, wall, cpu) = SignaturePeer.Run(truth, o.Threads, o.SignatureBatch, TimeSpan.FromMinutes(60));
            report.Systems["ffmpeg signature (MPEG-7)"] = FingerprintScoring.Score(truth, sig);
            report.PeerCost["ffmpeg signature (MPEG-7)"] = (wall, cpu);
        }

        report.Elapsed = DateTime.UtcNow - started;
        Directory.CreateDirectory(o.Results);
        var md = report.Markdown(started, o);
        File.WriteAllText(Path.Combine(o.Results, "fingerprint.md"), md);
        File.WriteAllText(Path.Combine(o.Results, "fingerprint.json"), report.Json(started));
        Console.WriteLine(md);
        Log($"written to {Path.Combine(o.Results, "fingerprint.md")} and fingerprint.json");
        return 0;
    }

    private static FingerprintRun Decode(Options o, string file) =>
        FingerprintProcesses.Run("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-threads", o.Threads.ToString(Inv), "-i", file, "-f", "null", "-"], TimeSpan.FromMinutes(10));

    private static void RunEngine(FingerprintEngine engine, FingerprintTruth truth, Options o, string work, Report report)
    {
        // 1. extraction cost against ffmpeg's bare decode of the same file, interleaved file by file
        var rrfp = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = truth.References.Select(r => r.Path).Concat(truth.Queries.Select(q => q.Path)).Distinct().ToList();
        var n = 0;
        foreach (var rel in files)
        {
            var file = truth.FullPath(rel);
            var outFile = Path.Combine(work, "fp", rel + ".rrfp");
            Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
            var dec = Decode(o, file);
            var fp = engine.Fingerprint(file, outFile);
            n++;
            if (!fp.Ok)
            {
                Log($"fingerprint failed on {rel}: {FingerprintProcesses.Tail(fp.Stderr, 3)}");
                report.ExtractionFailures++;
                continue;
            }
            rrfp[rel] = outFile;
            report.Extraction.Add(new ExtractionSample(rel, dec.WallSeconds, dec.CpuSeconds, fp.WallSeconds, fp.CpuSeconds, new FileInfo(outFile).Length));
            if (n % 10 == 0)
            {
                Log($"extraction {n}/{files.Count}");
            }
        }

        // 2. index the references
        var index = Path.Combine(work, "index");
        var addWall = 0.0;
        foreach (var r in truth.References)
        {
            var src = rrfp.TryGetValue(r.Path, out var f) ? f : truth.FullPath(r.Path);
            var add = engine.IndexAdd(index, r.Id, src);
            if (!add.Ok && src != truth.FullPath(r.Path))
            {
                add = engine.IndexAdd(index, r.Id, truth.FullPath(r.Path));
            }
            if (!add.Ok)
            {
                Log($"index add {r.Id} failed: {FingerprintProcesses.Tail(add.Stderr, 3)}");
            }
            addWall += add.WallSeconds;
        }
        report.IndexAddSeconds = addWall;
        report.IndexBytes = DirSize(index);

        // 3. match every query (the media file: the engine chooses its query-side extraction), one call each
        var results = new Dictionary<string, QueryResult?>(StringComparer.Ordinal);
        foreach (var q in truth.Queries)
        {
            var run = engine.Match(index, [truth.FullPath(q.Path)]);
            if (!run.Ok)
            {
                Log($"match failed on {q.Path}: {FingerprintProcesses.Tail(run.Stderr, 3)}");
                results[q.Path] = null;
                continue;
            }
            try
            {
                var parsed = FingerprintEngine.ParseMatches(run.Stdout);
                results[q.Path] = parsed.Count > 0 ? parsed[0] : new QueryResult(q.Path, []);
                report.EndToEndLatency.Add(run.WallSeconds);
            }
            catch (JsonException e)
            {
                Log($"match output on {q.Path} is not the contract's JSON: {e.Message}");
                results[q.Path] = null;
            }
        }
        report.Systems["reelrights"] = FingerprintScoring.Score(truth, results);

        // 4. lookup latency from fingerprint files: (T(N queries) - T(1 query)) / (N - 1) removes start-up and index load
        var lookupQueries = truth.Queries.Where(q => !q.IsNegative && rrfp.ContainsKey(q.Path)).Take(16).ToList();
        var qfps = lookupQueries.Select(q => rrfp[q.Path]).ToList();
        // The lookup figure is for queries 2…N (see MeasureLookup); their mean length scales it to the 60 s of the target.
        report.LookupQuerySeconds = lookupQueries.Skip(1).Select(q => Probe(truth.FullPath(q.Path))).DefaultIfEmpty(double.NaN).Average();
        if (qfps.Count >= 2)
        {
            report.Lookup.Add(MeasureLookup(engine, index, qfps, report.ReferenceHours));
        }

        // 5. scale: replicate fingerprint files under new ids up to the requested hours
        RunScale(engine, truth, o, work, rrfp, qfps, report);
    }

    private static LookupSample MeasureLookup(FingerprintEngine engine, string index, List<string> qfps, double hours)
    {
        var one = engine.Match(index, qfps.Take(1));
        var all = engine.Match(index, qfps);
        var ok = one.Ok && all.Ok;
        var marginal = ok ? Math.Max(0, (all.WallSeconds - one.WallSeconds) / (qfps.Count - 1)) : double.NaN;
        var marginalCpu = ok ? Math.Max(0, (all.CpuSeconds - one.CpuSeconds) / (qfps.Count - 1)) : double.NaN;
        // The CLI also times each lookup itself ("(lookup X ms)" on stderr): the mean over queries
        // 2…N, without the first query's warm-up, is free of the index-load noise the difference carries.
        var reported = System.Text.RegularExpressions.Regex.Matches(all.Stderr, @"\(lookup ([0-9.]+) ms\)")
            .Select(m => double.Parse(m.Groups[1].Value, Inv) / 1000).Skip(1).ToList();
        var timed = reported.Count > 0 ? reported.Average() : double.NaN;
        return new LookupSample(hours, qfps.Count, one.WallSeconds, marginal, marginalCpu, timed, Math.Max(one.PeakRssBytes, all.PeakRssBytes), DirSize(index), ok ? "" : FingerprintProcesses.Tail(one.Stderr + all.Stderr, 2));
    }

    private static void RunScale(FingerprintEngine engine, FingerprintTruth truth, Options o, string work, Dictionary<string, string> rrfp, List<string> qfps, Report report)
    {
        if (o.ScaleHours <= 0 || qfps.Count < 2)
        {
            report.ScaleNote = "scale test not run (--scale-hours 0 or no query fingerprints)";
            return;
        }
        // Sources of the stand-ins: the negatives' fingerprints (content unrelated to the copies), else the references'.
        var fillers = truth.Queries.Where(q => q.IsNegative && rrfp.ContainsKey(q.Path)).Select(q => (File: rrfp[q.Path], Seconds: Probe(truth.FullPath(q.Path)))).ToList();
        if (fillers.Count == 0)
        {
            fillers = truth.References.Where(r => rrfp.ContainsKey(r.Path)).Select(r => (File: rrfp[r.Path], Seconds: r.Duration)).ToList();
        }
        var index = Path.Combine(work, "index-scale");
        var synthetic = Path.Combine(work, "scale-fp");
        foreach (var dir in new[] { index, synthetic })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        Directory.CreateDirectory(synthetic);
        // The corpus references first, one by one with the common-content search, as in the main test.
        foreach (var r in truth.References)
        {
            engine.IndexAdd(index, r.Id, rrfp.TryGetValue(r.Path, out var f) ? f : truth.FullPath(r.Path));
        }
        var hours = report.ReferenceHours;
        var levels = new[] { 1.0, 10, 100, 1000, 10000 }.Where(l => l < o.ScaleHours).Append(o.ScaleHours).Where(l => l > hours).Distinct().ToList();
        var budget = TimeSpan.FromMinutes(o.ScaleBudgetMinutes);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var addSeconds = 0.0;
        var k = 0;
        foreach (var level in levels)
        {
            if (hours > report.ReferenceHours)
            {
                // Every bulk add rebuilds the whole index, so the next one costs about (level / hours) times the last.
                var projected = TimeSpan.FromSeconds(addSeconds / (hours - report.ReferenceHours) * level);
                if (watch.Elapsed + projected > budget)
                {
                    report.ScaleNote = $"stopped before {level:0} h: the bulk add to {level:0} h would take about {projected.TotalMinutes:F0} min, beyond the {o.ScaleBudgetMinutes:0} min budget (--scale-budget-minutes)";
                    Log(report.ScaleNote);
                    break;
                }
            }
            Log($"scale: making stand-in references up to {level:0} h");
            var batch = new List<string>();
            while (hours < level)
            {
                var (file, seconds) = fillers[k % fillers.Count];
                var target = Path.Combine(synthetic, $"syn-{k:D6}.rrfp");
                SyntheticReferences.Write(file, target, seed: k + 1);
                batch.Add(target);
                hours += seconds / 3600;
                k++;
            }
            var list = Path.Combine(work, "scale-add.rsp");
            File.WriteAllLines(list, batch);
            Log($"scale: bulk add of {batch.Count} stand-ins (index add --skip-common-content @list) to {hours:F1} h");
            var add = engine.IndexAddBulk(index, "syn", list);
            if (!add.Ok)
            {
                report.ScaleNote = $"bulk index add failed at {level:0} h: {FingerprintProcesses.Tail(add.Stderr, 2)}";
                Log(report.ScaleNote);
                return;
            }
            addSeconds += add.WallSeconds;
            report.ScaleAddSecondsPerHour = addSeconds / (hours - report.ReferenceHours);
            report.Lookup.Add(MeasureLookup(engine, index, qfps, hours));
            Log($"scale: {hours:F1} h: lookup {report.Lookup[^1].TimedLookup * 1000:F0} ms per query (timed), peak RSS {report.Lookup[^1].PeakRssBytes / 1048576.0:F0} MiB");
            if (watch.Elapsed > budget)
            {
                report.ScaleNote = $"budget of {o.ScaleBudgetMinutes:0} min reached at {hours:F1} h";
                Log(report.ScaleNote);
                break;
            }
        }
    }

    private static void RunChromaprint(FingerprintTruth truth, Options o, Report report)
    {
        Log("chromaprint: extracting raw fingerprints");
        var fps = new Dictionary<string, uint[]?>(StringComparer.Ordinal);
        double wall = 0, cpu = 0;
        foreach (var rel in truth.References.Select(r => r.Path).Concat(truth.Queries.Select(q => q.Path)).Distinct())
        {
            fps[rel] = ChromaprintPeer.Extract(truth.FullPath(rel), o.Threads, out var w, out var c);
            wall += w;
            cpu += c;
        }
        var refs = truth.References.Where(r => fps[r.Path] is not null).Select(r => (r.Id, fps[r.Path]!)).ToList();
        var results = new Dictionary<string, QueryResult?>(StringComparer.Ordinal);
        var compare = System.Diagnostics.Stopwatch.StartNew();
        foreach (var q in truth.Queries)
        {
            results[q.Path] = fps[q.Path] is { } qf ? new QueryResult(q.Path, ChromaprintPeer.Match(qf, refs)) : null;
        }
        compare.Stop();
        report.Systems["Chromaprint"] = FingerprintScoring.Score(truth, results);
        report.PeerCost["Chromaprint"] = (wall + compare.Elapsed.TotalSeconds, cpu + compare.Elapsed.TotalSeconds);
    }

    private static double Probe(string file)
    {
        var run = FingerprintProcesses.Run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file], TimeSpan.FromMinutes(1), nice: false);
        return double.TryParse(run.Stdout.Trim(), Inv, out var d) ? d : 0;
    }

    private static long DirSize(string dir) =>
        Directory.Exists(dir) ? new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    internal static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReelRights.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    internal sealed record ExtractionSample(string File, double DecodeWall, double DecodeCpu, double FingerprintWall, double FingerprintCpu, long FingerprintBytes);

    internal sealed record LookupSample(double IndexedHours, int Queries, double FirstQueryWall, double MarginalWall, double MarginalCpu, double TimedLookup, long PeakRssBytes, long IndexBytes, string Error);

    private sealed class Report
    {
        public string Corpus = "";
        public int References;
        public int Queries;
        public int Threads;
        public double ReferenceHours;
        public string? EngineSkipped;
        public List<ExtractionSample> Extraction = [];
        public int ExtractionFailures;
        public double IndexAddSeconds;
        public long IndexBytes;
        public List<double> EndToEndLatency = [];
        public List<LookupSample> Lookup = [];
        public string? ScaleNote;
        public double ScaleAddSecondsPerHour = double.NaN;
        public double LookupQuerySeconds = double.NaN;
        public Dictionary<string, Dictionary<string, TransformScore>> Systems = new(StringComparer.Ordinal);
        public Dictionary<string, (double Wall, double Cpu)> PeerCost = new(StringComparer.Ordinal);
        public TimeSpan Elapsed;

        private static string P(double? x) => x is null || double.IsNaN(x.Value) ? "–" : x.Value.ToString("0.00", Inv);

        private static string Ms(double s) => double.IsNaN(s) ? "–" : (s * 1000).ToString("0", Inv);

        /// <summary>
        /// Per transformation, whether the engine is ahead of each peer measured in this run: it
        /// finds at least as many items, makes no more false matches, and is strictly better on one
        /// of found items, false matches or median query IoU.
        /// </summary>
        private void AppendVersusPeers(StringBuilder sb, List<string> peers, List<string> transforms)
        {
            sb.AppendLine("### Engine against the peers (same run)");
            sb.AppendLine();
            sb.AppendLine("Ahead = at least as many items found, no more false matches, and strictly better on found items, false matches or median query IoU; *level* = equal on all three; *behind* otherwise.");
            sb.AppendLine();
            sb.AppendLine("| transformation | " + string.Join(" | ", peers.Select(p => "vs " + p)) + " |");
            sb.AppendLine("|---|" + string.Concat(peers.Select(_ => "---|")));
            var ahead = 0;
            var cells = 0;
            foreach (var t in transforms)
            {
                var e = Systems["reelrights"].GetValueOrDefault(t);
                if (e is null)
                {
                    continue;
                }
                sb.Append(Inv, $"| {t} |");
                foreach (var p in peers)
                {
                    var x = Systems[p].GetValueOrDefault(t);
                    if (x is null)
                    {
                        sb.Append(" – |");
                        continue;
                    }
                    var iouE = e.MedianQueryIoU ?? 0;
                    var iouP = x.MedianQueryIoU ?? 0;
                    var notWorse = e.Found >= x.Found && e.WrongReferenceMatches <= x.WrongReferenceMatches;
                    var better = e.Found > x.Found || e.WrongReferenceMatches < x.WrongReferenceMatches || iouE > iouP + 0.005;
                    var verdict = notWorse && better ? "**ahead**" : notWorse && Math.Abs(iouE - iouP) <= 0.005 ? "level" : "behind";
                    cells++;
                    ahead += notWorse && better ? 1 : 0;
                    sb.Append(Inv, $" {verdict}: found {e.Found} vs {x.Found}, false {e.WrongReferenceMatches} vs {x.WrongReferenceMatches} |");
                }
                sb.AppendLine();
            }
            sb.AppendLine();
            sb.AppendLine(Inv, $"Ahead in {ahead} of {cells} comparisons.");
            sb.AppendLine();
        }

        public string Markdown(DateTime started, Options o)
        {
            var sb = new StringBuilder();
            sb.AppendLine("# Fingerprinting benchmark");
            sb.AppendLine();
            sb.AppendLine(Inv, $"Run {started:yyyy-MM-dd HH:mm} UTC on {Environment.MachineName}: {Environment.ProcessorCount} cores ({CpuModel()}), .NET {Environment.Version}, {FfmpegVersion()}; took {Elapsed.TotalMinutes:F1} min. The machine is shared, so CPU-time ratios are the reliable cost figures; every child runs under `nice -n 19`.");
            sb.AppendLine();
            sb.AppendLine(Inv, $"Corpus `{o.Corpus}`: {References} references ({ReferenceHours * 60:F1} min), {Queries} queries. Reproduce:");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.AppendLine("bench/corpus/make-corpus.sh        # RR_CORPUS_SERIES, RR_CORPUS_EPISODES, RR_CORPUS_NEGATIVES, RR_CORPUS_QPT ... see bench/README.md");
            sb.AppendLine(Inv, $"dotnet run --project bench/ReelRights.Bench -c Release -- fingerprint --threads {o.Threads} --scale-hours {o.ScaleHours} --scale-budget-minutes {o.ScaleBudgetMinutes}");
            sb.AppendLine("```");
            sb.AppendLine();
            sb.AppendLine("Scoring: an expected item (reference R, query seconds Q, reference seconds P; a compilation has one per excerpt) is **found** when the system returns a match to R with a segment whose query interval overlaps Q (IoU > 0). **Recall** = found / expected items. **IoU** (medians over found items) is between Q and the union of the query intervals of R's overlapping segments, and likewise between P and their reference intervals. A **false match** is a match to a reference not expected in that query (on a negative, every match); *mislocated* = right reference, no overlapping segment (not counted as found). Engine figures are at its default threshold.");
            sb.AppendLine();
            if (EngineSkipped is not null)
            {
                sb.AppendLine(Inv, $"**reelrights engine not measured**: {EngineSkipped}");
                sb.AppendLine();
            }
            var systems = Systems.Keys.ToList();
            var transforms = Systems.Values.SelectMany(s => s.Keys).Distinct().OrderBy(t => t.StartsWith("negative", StringComparison.Ordinal)).ThenBy(t => t, StringComparer.Ordinal).ToList();
            if (systems.Count > 0)
            {
                sb.AppendLine("## Recall, false matches, IoU per transformation");
                sb.AppendLine();
                sb.AppendLine("Each cell: recall (found/expected) · false matches (queries with one) · median IoU query/reference time.");
                sb.AppendLine();
                sb.AppendLine("| transformation | queries | " + string.Join(" | ", systems) + " |");
                sb.AppendLine("|---|---|" + string.Concat(systems.Select(_ => "---|")));
                foreach (var t in transforms)
                {
                    var first = Systems.Values.Select(s => s.GetValueOrDefault(t)).First(x => x is not null)!;
                    sb.Append(Inv, $"| {t} | {first.Queries} |");
                    foreach (var s in systems)
                    {
                        var x = Systems[s].GetValueOrDefault(t);
                        if (x is null)
                        {
                            sb.Append(" – |");
                            continue;
                        }
                        var recall = x.Expected == 0 ? "" : $"**{P(x.Recall)}** ({x.Found}/{x.Expected}) · ";
                        var iou = x.Found == 0 ? "" : $" · IoU {P(x.MedianQueryIoU)}/{P(x.MedianReferenceIoU)}";
                        var extra = (x.Mislocated > 0 ? $" · {x.Mislocated} mislocated" : "") + (x.Failed > 0 ? $" · {x.Failed} failed" : "");
                        sb.Append(Inv, $" {recall}{x.WrongReferenceMatches} false ({x.QueriesWithFalseMatch}){iou}{extra} |");
                    }
                    sb.AppendLine();
                }
                sb.AppendLine();
                sb.AppendLine("| totals | " + string.Join(" | ", systems) + " |");
                sb.AppendLine("|---|" + string.Concat(systems.Select(_ => "---|")));
                sb.AppendLine("| recall (all positives) | " + string.Join(" | ", systems.Select(s => Ratio(Systems[s].Values.Sum(x => x.Found), Systems[s].Values.Sum(x => x.Expected)))) + " |");
                sb.AppendLine("| false matches on negatives (queries) | " + string.Join(" | ", systems.Select(s => $"{Systems[s].Values.Where(x => x.Expected == 0).Sum(x => x.WrongReferenceMatches)} ({Systems[s].Values.Where(x => x.Expected == 0).Sum(x => x.QueriesWithFalseMatch)})")) + " |");
                sb.AppendLine("| wrong-reference matches on positives | " + string.Join(" | ", systems.Select(s => Systems[s].Values.Where(x => x.Expected > 0).Sum(x => x.WrongReferenceMatches).ToString(Inv))) + " |");
                sb.AppendLine("| median IoU query/reference | " + string.Join(" | ", systems.Select(s => $"{P(TransformScore.Median(Systems[s].Values.SelectMany(x => x.QueryIoU).ToList()))}/{P(TransformScore.Median(Systems[s].Values.SelectMany(x => x.ReferenceIoU).ToList()))}")) + " |");
                sb.AppendLine();
                if (Systems.ContainsKey("reelrights") && systems.Count > 1)
                {
                    AppendVersusPeers(sb, systems.Where(x => x != "reelrights").ToList(), transforms);
                }
                sb.AppendLine("Peers as run: **ffmpeg signature** — one ffmpeg run per batch of queries plus all references, `signature=nb_inputs=N:detectmode=full` with default thresholds (inputs resampled to 25 fps and scaled to 180×320); every logged \"matching of video q at T1 and r at T2, F frames matching\" between a query and a reference is a match with segment query [T1, T1+F/25] ↔ reference [T2, T2+F/25]. **Chromaprint** — raw fingerprints from ffmpeg's `chromaprint` muxer (`-fp_format raw`, algorithm 1 as fpcalc), compared per query/reference over every time offset by bit-error rate in 32-word (≈4 s) windows; match when the best window has BER ≤ 0.30 (unrelated audio ≈ 0.5), segments = runs of windows ≤ 0.30 at the best offset.");
                sb.AppendLine();
            }
            if (Extraction.Count > 0)
            {
                double dw = Extraction.Sum(e => e.DecodeWall), dc = Extraction.Sum(e => e.DecodeCpu), fw = Extraction.Sum(e => e.FingerprintWall), fc = Extraction.Sum(e => e.FingerprintCpu);
                var ratios = Extraction.Where(e => e.DecodeCpu > 0).Select(e => e.FingerprintCpu / e.DecodeCpu).ToList();
                sb.AppendLine("## Extraction cost");
                sb.AppendLine();
                sb.AppendLine(Inv, $"Baseline: `ffmpeg -threads {Threads} -i FILE -f null -` (decodes video and audio) on the same file right before `reelrights fingerprint FILE -o OUT.rrfp --threads {Threads}`; CPU time includes the CLI's ffmpeg children and the .NET start-up of each CLI call.");
                sb.AppendLine();
                sb.AppendLine("| files | decode CPU s | fingerprint CPU s | ratio (CPU, total) | median ratio per file | decode wall s | fingerprint wall s | ratio (wall) | fingerprint bytes per hour |");
                sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
                var secondsOfMedia = Extraction.Count > 0 ? Extraction.Sum(e => e.FingerprintBytes) : 0;
                sb.AppendLine(Inv, $"| {Extraction.Count} ({ExtractionFailures} failed) | {dc:F1} | {fc:F1} | **{fc / dc:F2}** | {P(TransformScore.Median(ratios))} | {dw:F1} | {fw:F1} | {fw / dw:F2} | {BytesPerHour():N0} |");
                sb.AppendLine();
            }
            if (PeerCost.Count > 0)
            {
                sb.AppendLine("Peer cost in this run (all files; wall / CPU seconds): " + string.Join("; ", PeerCost.Select(p => $"{p.Key} {p.Value.Wall:F1} / {p.Value.Cpu:F1}")) + ".");
                sb.AppendLine();
            }
            if (EndToEndLatency.Count > 0 || Lookup.Count > 0)
            {
                sb.AppendLine("## Query latency and index size");
                sb.AppendLine();
                if (EndToEndLatency.Count > 0)
                {
                    var s = EndToEndLatency.OrderBy(x => x).ToList();
                    sb.AppendLine(Inv, $"End to end, `reelrights match --index DIR QUERY.mp4 --json` (process start, decode, extraction, index load, lookup): median {Ms(TransformScore.Median(s)!.Value)} ms, p95 {Ms(s[(int)Math.Min(s.Count - 1, Math.Ceiling(0.95 * s.Count) - 1)])} ms over {s.Count} queries. Indexing {References} references took {IndexAddSeconds:F1} s; index {IndexBytes / 1024.0:F0} KiB.");
                    sb.AppendLine();
                }
                if (Lookup.Count > 0)
                {
                    sb.AppendLine("Lookup latency from fingerprint files: (T(N queries in one call) − T(1 query)) / (N − 1), which removes start-up and index load. Peak RSS is the CLI process's VmHWM. Beyond the corpus the index is filled with stand-in references made from the negatives' fingerprints, each moved to its own place in descriptor space (video bits XOR a random mask, audio bands permuted; see bench/ReelRights.Bench/SyntheticReferences.cs), added in bulk with `index add --skip-common-content @LIST`. Index on disk includes the copy of every reference's .rrfp the index folder keeps.");
                    sb.AppendLine();
                    sb.AppendLine(Inv, $"\"Timed\" is the mean of the CLI's own per-query lookup times (stderr, queries 2…N, one thread), free of the index-load noise in the difference; the lookup queries are {LookupQuerySeconds:F1} s long on average and \"per 60 s\" scales the timed figure to the 60 s query of the target (lookup work grows with query length).");
                    sb.AppendLine();
                    sb.AppendLine("| indexed hours | queries N | 1-query call ms | lookup per query ms (wall, difference) | (CPU) | timed lookup ms | **per 60 s query ms** | peak RSS MiB | MiB per indexed hour | index on disk MiB | note |");
                    sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
                    foreach (var l in Lookup)
                    {
                        sb.AppendLine(Inv, $"| {l.IndexedHours:F2} | {l.Queries} | {Ms(l.FirstQueryWall)} | {Ms(l.MarginalWall)} | {Ms(l.MarginalCpu)} | {Ms(l.TimedLookup)} | **{Ms(l.TimedLookup * 60 / LookupQuerySeconds)}** | {l.PeakRssBytes / 1048576.0:F0} | {l.PeakRssBytes / 1048576.0 / l.IndexedHours:F1} | {l.IndexBytes / 1048576.0:F1} | {l.Error} |");
                    }
                    sb.AppendLine();
                }
                if (ScaleNote is not null)
                {
                    sb.AppendLine(Inv, $"Scale test: {ScaleNote}.");
                    sb.AppendLine();
                }
                if (!double.IsNaN(ScaleAddSecondsPerHour))
                {
                    sb.AppendLine(Inv, $"Bulk adding (all levels, each a full rebuild): {ScaleAddSecondsPerHour:F1} s per added reference hour.");
                    sb.AppendLine();
                }
            }
            return sb.ToString();
        }

        private double BytesPerHour()
        {
            var refs = Extraction.Take(References).ToList();
            return refs.Count == 0 || ReferenceHours <= 0 ? double.NaN : refs.Sum(e => e.FingerprintBytes) / ReferenceHours;
        }

        private static string Ratio(int a, int b) => b == 0 ? "–" : $"{(double)a / b:0.00} ({a}/{b})";

        public string Json(DateTime started)
        {
            var systems = Systems.ToDictionary(s => s.Key, s => s.Value.Values.Select(x => new
            {
                x.Transformation,
                x.Queries,
                x.Expected,
                x.Found,
                x.Recall,
                x.Mislocated,
                x.WrongReferenceMatches,
                x.QueriesWithFalseMatch,
                x.MedianQueryIoU,
                x.MedianReferenceIoU,
                x.Failed,
            }).ToList());
            var doc = new
            {
                date = started.ToString("o", Inv),
                machine = new { Environment.MachineName, cores = Environment.ProcessorCount, cpu = CpuModel(), dotnet = Environment.Version.ToString(), ffmpeg = FfmpegVersion() },
                corpus = Corpus,
                references = References,
                referenceHours = ReferenceHours,
                queries = Queries,
                decodeThreads = Threads,
                engineSkipped = EngineSkipped,
                systems,
                extraction = Extraction,
                extractionFailures = ExtractionFailures,
                endToEndLatencySeconds = EndToEndLatency,
                lookup = Lookup,
                scaleNote = ScaleNote,
                scaleAddSecondsPerHour = double.IsNaN(ScaleAddSecondsPerHour) ? (double?)null : ScaleAddSecondsPerHour,
                lookupQuerySeconds = double.IsNaN(LookupQuerySeconds) ? (double?)null : LookupQuerySeconds,
                peerCost = PeerCost.ToDictionary(p => p.Key, p => new { wallSeconds = p.Value.Wall, cpuSeconds = p.Value.Cpu }),
                elapsedMinutes = Elapsed.TotalMinutes,
            };
            return JsonSerializer.Serialize(doc, FingerprintJson.Options);
        }

        private static string CpuModel()
        {
            try
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
            }
            catch (IOException)
            {
                return "unknown CPU";
            }
        }

        private static string FfmpegVersion()
        {
            var run = FingerprintProcesses.Run("ffmpeg", ["-version"], TimeSpan.FromSeconds(20), nice: false);
            return run.Ok ? run.Stdout.Split('\n')[0].Replace(" Copyright", "", StringComparison.Ordinal).Split(" (c)")[0] : "ffmpeg not found";
        }
    }
}
