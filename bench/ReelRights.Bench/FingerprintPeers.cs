using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace ReelRights.Bench;

/// <summary>
/// ffmpeg's MPEG-7 video signature filter (ISO/IEC 15938-3 Amd. 4), used as ffmpeg ships it.
/// All references and a batch of queries go into one ffmpeg run
/// (`signature=nb_inputs=N:detectmode=full`, default thresholds), so each file is decoded once per
/// batch; the filter compares every pair of inputs and logs, per pair, either
/// "matching of video i at T1 and j at T2, F frames matching" or "no matching of video i and j".
/// A logged match between a query and a reference counts as a match, with the segment
/// query [T1, T1 + F/25] ↔ reference [T2, T2 + F/25] (every input is resampled to 25 fps and
/// scaled to 180×320 or 320×180 before the filter; the signature is computed on a 32×32 block
/// grid, so the size changes little). The filter has no speed tolerance and no score: score = 1.
/// </summary>
internal static partial class SignaturePeer
{
    [GeneratedRegex(@"matching of video (\d+) at ([0-9.]+) and (\d+) at ([0-9.]+), (\d+) frames matching")]
    private static partial Regex MatchLine();

    public static (Dictionary<string, QueryResult?> Results, double WallSeconds, double CpuSeconds) Run(FingerprintTruth truth, int threads, int batch, TimeSpan timeout)
    {
        var results = new Dictionary<string, QueryResult?>(StringComparer.Ordinal);
        double wall = 0, cpu = 0;
        var refs = truth.References;
        var queries = truth.Queries;
        for (var b = 0; b < queries.Count; b += batch)
        {
            var qs = queries.Skip(b).Take(batch).ToList();
            Console.Error.WriteLine($"[fingerprint] signature: queries {b + 1}-{b + qs.Count} of {queries.Count} against {refs.Count} references");
            var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "info" };
            var files = qs.Select(q => truth.FullPath(q.Path)).Concat(refs.Select(r => truth.FullPath(r.Path))).ToList();
            foreach (var f in files)
            {
                args.AddRange(["-threads", threads.ToString(CultureInfo.InvariantCulture), "-an", "-i", f]);
            }
            var graph = new System.Text.StringBuilder();
            for (var i = 0; i < files.Count; i++)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[{i}:v]fps=25,scale='if(gt(iw,ih),320,180)':'if(gt(iw,ih),180,320)',setsar=1[s{i}];");
            }
            for (var i = 0; i < files.Count; i++)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[s{i}]");
            }
            graph.Append(CultureInfo.InvariantCulture, $"signature=nb_inputs={files.Count}:detectmode=full");
            args.AddRange(["-filter_complex_threads", "1", "-filter_complex", graph.ToString(), "-f", "null", "-"]);
            var run = FingerprintProcesses.Run("ffmpeg", args, timeout);
            wall += run.WallSeconds;
            cpu += run.CpuSeconds;
            if (!run.Ok)
            {
                Console.Error.WriteLine($"[fingerprint] signature batch failed: {FingerprintProcesses.Tail(run.Stderr)}");
                foreach (var q in qs)
                {
                    results[q.Path] = null;
                }
                continue;
            }
            var perQuery = qs.ToDictionary(q => q.Path, q => new QueryResult(q.Path, []), StringComparer.Ordinal);
            foreach (Match m in MatchLine().Matches(run.Stderr))
            {
                var i = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var ti = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                var j = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
                var tj = double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
                var len = int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) / 25.0;
                // inputs 0..qs.Count-1 are queries, the rest references; pairs among references or among queries are ignored
                if (i < qs.Count && j >= qs.Count)
                {
                    var reference = refs[j - qs.Count];
                    perQuery[qs[i].Path].Matches.Add(new PredictedMatch(reference.Id, 1, "video", [new PredictedSegment(ti, ti + len, tj, tj + len)]));
                }
            }
            foreach (var (k, v) in perQuery)
            {
                results[k] = v;
            }
        }
        return (results, wall, cpu);
    }
}

/// <summary>
/// Chromaprint (acoustid) raw fingerprints from ffmpeg's chromaprint muxer
/// (`-f chromaprint -fp_format raw`, algorithm 1 = the fpcalc default): one 32-bit word per
/// 4096/3 samples at 11025 Hz (0.12384 s). Compared the way fpcalc users do: for every time
/// offset between query and reference, the bit-error rate (BER) of the aligned words; here over a
/// sliding window of 32 words (≈4 s) so partial copies are found too. A query matches a
/// reference when the best window at the best offset has BER ≤ 0.30 (unrelated audio gives
/// ≈0.5); the segments are the connected runs of windows with BER ≤ 0.30 at that offset.
/// Chromaprint has no speed tolerance: only offsets are searched.
/// </summary>
internal static class ChromaprintPeer
{
    public const double ItemSeconds = 4096.0 / 3 / 11025;
    public const int Window = 32;
    public const double Threshold = 0.30;

    public static uint[]? Extract(string file, int threads, out double wall, out double cpu)
    {
        var tmp = Path.Combine(Path.GetTempPath(), $"rr-chromaprint-{Guid.NewGuid():N}.raw");
        var run = FingerprintProcesses.Run("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-threads", threads.ToString(CultureInfo.InvariantCulture), "-i", file, "-vn", "-f", "chromaprint", "-fp_format", "raw", "-y", tmp], TimeSpan.FromMinutes(5));
        wall = run.WallSeconds;
        cpu = run.CpuSeconds;
        if (!run.Ok || !File.Exists(tmp))
        {
            Console.Error.WriteLine($"[fingerprint] chromaprint failed on {file}: {FingerprintProcesses.Tail(run.Stderr)}");
            return null;
        }
        var bytes = File.ReadAllBytes(tmp);
        File.Delete(tmp);
        var words = new uint[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, words, 0, words.Length * 4);
        return words;
    }

    public static List<PredictedMatch> Match(uint[] query, IReadOnlyList<(string Id, uint[] Fp)> references)
    {
        var matches = new List<PredictedMatch>();
        foreach (var (id, r) in references)
        {
            var m = Compare(query, r);
            if (m is not null)
            {
                matches.Add(m with { ReferenceId = id });
            }
        }
        return matches;
    }

    /// <summary>Best offset by minimal windowed BER; null when it is above the threshold.</summary>
    public static PredictedMatch? Compare(uint[] q, uint[] r)
    {
        if (q.Length < Window || r.Length < Window)
        {
            return null;
        }
        var best = double.MaxValue;
        var bestOffset = 0;
        var errors = new int[q.Length];
        // offset d: query word i aligns with reference word i + d
        for (var d = -(q.Length - Window); d <= r.Length - Window; d++)
        {
            var i0 = Math.Max(0, -d);
            var i1 = Math.Min(q.Length, r.Length - d);
            var sum = 0;
            var min = int.MaxValue;
            for (var i = i0; i < i1; i++)
            {
                errors[i] = BitOperations.PopCount(q[i] ^ r[i + d]);
                sum += errors[i];
                if (i - i0 >= Window)
                {
                    sum -= errors[i - Window];
                }
                if (i - i0 >= Window - 1 && sum < min)
                {
                    min = sum;
                }
            }
            var ber = min / (32.0 * Window);
            if (ber < best)
            {
                best = ber;
                bestOffset = d;
            }
        }
        if (best > Threshold)
        {
            return null;
        }
        // segments at the best offset: union of windows under the threshold
        var dd = bestOffset;
        var a = Math.Max(0, -dd);
        var b = Math.Min(q.Length, r.Length - dd);
        var covered = new bool[q.Length];
        var s = 0;
        for (var i = a; i < b; i++)
        {
            s += BitOperations.PopCount(q[i] ^ r[i + dd]);
            if (i - a >= Window)
            {
                s -= BitOperations.PopCount(q[i - Window] ^ r[i - Window + dd]);
            }
            if (i - a >= Window - 1 && s / (32.0 * Window) <= Threshold)
            {
                for (var k = i - Window + 1; k <= i; k++)
                {
                    covered[k] = true;
                }
            }
        }
        var segments = new List<PredictedSegment>();
        for (var i = 0; i < q.Length; i++)
        {
            if (!covered[i])
            {
                continue;
            }
            var j = i;
            while (j + 1 < q.Length && covered[j + 1])
            {
                j++;
            }
            segments.Add(new PredictedSegment(i * ItemSeconds, (j + 1) * ItemSeconds, (i + dd) * ItemSeconds, (j + 1 + dd) * ItemSeconds));
            i = j;
        }
        return new PredictedMatch("", Math.Round(1 - 2 * best, 3), "audio", segments);
    }
}
