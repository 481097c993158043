using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Fingerprints;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;
using ReelRights.Data.Sqlite;
using ReelRights.Media;

namespace ReelRights.Bench;

/// <summary>
/// The platform screening API against ffmpeg's bare decode of the same file, measured in the same
/// run: for each corpus query (45–90 s vertical episodes, pirated copies and negatives), the wall
/// time of `ffmpeg -i FILE -f null -` and of a screening verdict (receive, fingerprint, match
/// against every registered reference, classify). Then the throughput of a batch of 100
/// candidates screened by two concurrent workers.
/// </summary>
internal static class ScreeningBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = BenchSupport.RepoRoot();
        var corpus = args.SkipWhile(a => a != "--corpus").Skip(1).FirstOrDefault() ?? Path.Combine(root, "bench", "corpus", "out");
        var references = Directory.GetFiles(Path.Combine(corpus, "references"), "*.mp4").Order(StringComparer.Ordinal).ToList();
        var candidates = Directory.GetFiles(Path.Combine(corpus, "queries"), "*.mp4")
            .Concat(Directory.GetFiles(Path.Combine(corpus, "negatives"), "*.mp4")).Order(StringComparer.Ordinal).ToList();
        if (references.Count == 0 || candidates.Count == 0)
        {
            Console.Error.WriteLine($"No corpus at {corpus}: run bench/corpus/make-corpus.sh first.");
            return 2;
        }
        var dir = Directory.CreateTempSubdirectory("rr-bench-screening-").FullName;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddReelRightsCore(new SqliteDatabaseProvider(), $"Data Source={Path.Combine(dir, "bench.db")}", Path.Combine(dir, "blobs"));
        services.AddSingleton<ISecretProtector>(new BenchSupport.EphemeralProtector());
        await using var sp = services.BuildServiceProvider();
        var media = sp.GetRequiredService<FfmpegMedia>();
        Actor owner;
        Actor platform;
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync(CancellationToken.None);
            await sp.GetRequiredService<LedgerKeyring>().EnsureInitializedAsync(scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>(), CancellationToken.None);
            var orgs = scope.ServiceProvider.GetRequiredService<OrganizationService>();
            var system = Actor.System(Guid.Empty, OrganizationKind.Operator);
            var ownerOrg = await orgs.CreateAsync(system, "Bench Studio", OrganizationKind.RightsHolder, CancellationToken.None);
            var platformOrg = await orgs.CreateAsync(system, "Bench Platform", OrganizationKind.Platform, CancellationToken.None);
            owner = Actor.System(ownerOrg.Id, OrganizationKind.RightsHolder);
            platform = new Actor(platformOrg.Id, OrganizationKind.Platform, null, null, Permissions.ForUser(OrganizationKind.Platform, isAdmin: true));
        }
        Console.Error.WriteLine($"registering {references.Count} references…");
        await RegisterAsync(sp, owner, media, references);

        // Warm-up: the first screening loads the reference index.
        await ScreenAsync(sp, platform, candidates[0]);

        // The target case: a 90 s upload (two registered episodes, mirrored and re-encoded, trimmed to 90 s).
        var upload90 = Path.Combine(dir, "upload-90s.mp4");
        await MakeNinetySecondUploadAsync(references, upload90);
        var ninety = new List<(double Decode, double Screen)>();
        for (var i = 0; i < 5; i++)
        {
            var decode = (await media.MeasureBareDecodeAsync(upload90)).TotalMilliseconds;
            var watch90 = Stopwatch.StartNew();
            await ScreenAsync(sp, platform, upload90);
            ninety.Add((decode, watch90.Elapsed.TotalMilliseconds));
            Console.Error.WriteLine($"90 s upload: decode {decode:F0} ms, screening {watch90.Elapsed.TotalMilliseconds:F0} ms");
        }

        var rows = new List<(string File, double Seconds, double Decode, double Screen, string Verdict)>();
        foreach (var file in candidates)
        {
            var decode = (await media.MeasureBareDecodeAsync(file)).TotalMilliseconds;
            var watch = Stopwatch.StartNew();
            var verdict = await ScreenAsync(sp, platform, file);
            rows.Add((Path.GetFileName(file), verdict.DurationSeconds, decode, watch.Elapsed.TotalMilliseconds, verdict.Verdict.ToString().ToLowerInvariant()));
            Console.Error.WriteLine($"{Path.GetFileName(file)}: decode {decode:F0} ms, screening {watch.Elapsed.TotalMilliseconds:F0} ms, {verdict.Verdict}");
        }

        var batch = Enumerable.Range(0, 100).Select(i => candidates[i % candidates.Count]).ToList();
        var next = -1;
        var batchWatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < batch.Count)
            {
                await ScreenAsync(sp, platform, batch[n]);
            }
        })));
        var batchSeconds = batchWatch.Elapsed.TotalSeconds;
        var batchMediaSeconds = batch.Sum(f => rows.First(r => r.File == Path.GetFileName(f)).Seconds);

        var report = Report(rows, references.Count, corpus, batchSeconds, batchMediaSeconds, ninety);
        var output = Path.Combine(root, "bench", "results", "screening.md");
        await File.WriteAllTextAsync(output, report);
        Console.WriteLine(report);
        Console.WriteLine($"written to {output}");
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static string Report(List<(string File, double Seconds, double Decode, double Screen, string Verdict)> rows, int references, string corpus,
        double batchSeconds, double batchMediaSeconds, List<(double Decode, double Screen)> ninety)
    {
        var ratios = rows.Select(r => r.Screen / r.Decode).Order().ToList();
        var long90 = rows.Where(r => r.Seconds >= 80).ToList();
        var longRatios = long90.Select(r => r.Screen / r.Decode).Order().ToList();
        var sb = new StringBuilder();
        sb.AppendLine("# Screening benchmark");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}. ");
        sb.AppendLine("Reproduce: `bench/corpus/make-corpus.sh` then `dotnet run --project bench/ReelRights.Bench -c Release -- screening [--corpus DIR]`.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{references} registered reference episodes from `{corpus}`; every query and negative of the corpus screened in process");
        sb.AppendLine("(`ScreeningService`: receive the file, fingerprint it, match every registered reference, classify), each right after");
        sb.AppendLine("ffmpeg's bare decode of the same file (`ffmpeg -i FILE -f null -`, wall clock, all ffmpeg threads). Ratio = screening ÷ decode.");
        sb.AppendLine();
        var ninetyRatios = ninety.Select(n => n.Screen / n.Decode).Order().ToList();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"**90 s upload** (two registered episodes joined, mirrored, re-encoded; 5 runs): decode median {ninety.Select(n => n.Decode).Order().ElementAt(2):F0} ms, screening median {ninety.Select(n => n.Screen).Order().ElementAt(2):F0} ms, ratio median **{Q(ninetyRatios, 0.5):F2}** (target ≤ 1.5), worst {ninetyRatios[^1]:F2}.");
        sb.AppendLine();
        sb.AppendLine("| files | median ratio | p90 ratio | max ratio | files ≥ 80 s | their median ratio | their max ratio |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"| {rows.Count} | **{Q(ratios, 0.5):F2}** | {Q(ratios, 0.9):F2} | {ratios[^1]:F2} | {long90.Count} | **{(longRatios.Count > 0 ? Q(longRatios, 0.5) : double.NaN):F2}** | {(longRatios.Count > 0 ? longRatios[^1] : double.NaN):F2} |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Batch: 100 candidates ({batchMediaSeconds / 60:F1} min of media) screened by 2 concurrent workers in {batchSeconds:F1} s: **{100 / batchSeconds * 60:F1} candidates/min**, {batchMediaSeconds / batchSeconds:F1}× real time.");
        sb.AppendLine();
        sb.AppendLine("| file | seconds | decode ms | screening ms | ratio | verdict |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.File} | {r.Seconds:F1} | {r.Decode:F0} | {r.Screen:F0} | {r.Screen / r.Decode:F2} | {r.Verdict} |");
        }
        return sb.ToString();
    }

    private static async Task MakeNinetySecondUploadAsync(List<string> references, string output)
    {
        var start = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in (string[])["-nostdin", "-hide_banner", "-v", "error", "-y", "-i", references[0], "-i", references[1 % references.Count],
            "-filter_complex", "[0:v][0:a][1:v][1:a]concat=n=2:v=1:a=1[v][a];[v]hflip[vf]", "-map", "[vf]", "-map", "[a]", "-t", "90",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac", output])
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + await stderr);
        }
    }

    private static double Q(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Round(q * (sorted.Count - 1)), 0, sorted.Count - 1)];

    private static async Task<ScreeningVerdict> ScreenAsync(IServiceProvider sp, Actor platform, string file)
    {
        await using var scope = sp.CreateAsyncScope();
        await using var stream = File.OpenRead(file);
        return await scope.ServiceProvider.GetRequiredService<ScreeningService>().ScreenAsync(platform, stream, CancellationToken.None);
    }

    private static async Task RegisterAsync(IServiceProvider sp, Actor owner, FfmpegMedia media, List<string> references)
    {
        await using var scope = sp.CreateAsyncScope();
        var works = scope.ServiceProvider.GetRequiredService<WorkService>();
        var registrations = scope.ServiceProvider.GetRequiredService<RegistrationService>();
        var work = await works.CreateAsync(owner, new CreateWorkRequest("Bench series", WorkType.MicroDrama), CancellationToken.None);
        for (var i = 0; i < references.Count; i++)
        {
            var fingerprint = await new MediaFingerprinter(media).FingerprintAsync(references[i], CancellationToken.None);
            using var buffer = new MemoryStream();
            fingerprint.WriteTo(buffer);
            buffer.Position = 0;
            await works.AddFingerprintEpisodeAsync(owner, work.Id, i + 1, Path.GetFileNameWithoutExtension(references[i]), buffer, CancellationToken.None);
        }
        var registration = await registrations.SubmitAsync(owner, work.Id, CancellationToken.None);
        // The check normally runs as a background job; here it runs inline.
        (await registrations.CheckAsync(registration.Id, CancellationToken.None)).ShouldBeDone();
    }

    private static void ShouldBeDone(this JobOutcome outcome)
    {
        if (outcome != JobOutcome.Done)
        {
            throw new InvalidOperationException("The registration check did not finish.");
        }
    }
}
