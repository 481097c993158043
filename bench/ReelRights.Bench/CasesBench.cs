using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Core.Mail;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;
using ReelRights.Data.Sqlite;
using ReelRights.Ledger.Records;

namespace ReelRights.Bench;

/// <summary>
/// Notices at volume: 10,000 monitoring hits of one rights holder across 20 platforms (reached by
/// e-mail), turned into notices that are written, sealed on the ledger and delivered to the outbox
/// folder. Reported: notices per second and the time from "send" to the sealed receipt (p50, p99),
/// against the ledger's bare append rate and latency measured in the same run, same database, same
/// number of concurrent callers.
/// </summary>
internal static class CasesBench
{
    private const int Platforms = 20;
    private const int Hits = 10_000;
    private const int SmallNoticeHits = 5;
    private const int BareAppends = 2_000;

    private sealed record Phase(string Name, int Notices, int HitsPerNotice, double Seconds, double[] SendToSealedMs, double MailSeconds, int Mails, long NoticeBytes);

    public static async Task<int> RunAsync(string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("rr-bench-cases-").FullName;
        var file = Path.Combine(dir, "cases.db");
        var outbox = Path.Combine(dir, "outbox");
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddReelRightsCore(new SqliteDatabaseProvider(), $"Data Source={file};Pooling=True", Path.Combine(dir, "blobs"));
        services.AddSingleton<ISecretProtector>(new BenchSupport.EphemeralProtector());
        services.Configure<LedgerOptions>(_ => { });
        services.Configure<MailOptions>(o => o.OutboxDirectory = outbox);
        await using var sp = services.BuildServiceProvider();
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync(CancellationToken.None);
            await sp.GetRequiredService<LedgerKeyring>().EnsureInitializedAsync(scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>(), CancellationToken.None);
        }
        var activity = MachineActivity.Now();
        var (claimant, hitIds) = await SeedAsync(sp);
        Console.WriteLine($"seeded {hitIds.Sum(h => h.Count)} hits across {Platforms} platforms (10,000 measured, one per platform for the warm-up)");

        // Warm the code paths (not counted): one small notice per platform.
        await SendAsync(sp, claimant, hitIds.Select(h => h.Take(1).ToList()).ToList(), "warm-up", outbox);
        var baseline = await BareAppendsAsync(sp);
        Console.WriteLine($"bare ledger append: {baseline.Rate:F0}/s, p99 {Percentile(baseline.LatencyMs, 0.99):F1} ms");
        // The issue's shape: one notice per platform, each listing its 500 hits.
        var perPlatform = await SendAsync(sp, claimant, hitIds.Select(h => h.Skip(1).ToList()).ToList(), "one notice per platform (500 hits each)", outbox);
        // Many small notices: the same 10,000 hits as 2,000 notices of 5, 20 senders at once.
        var small = await SendAsync(sp, claimant,
            hitIds.SelectMany(h => h.Skip(1).Chunk(SmallNoticeHits).Select(c => c.ToList())).ToList(), "2,000 notices of 5 hits", outbox);
        var others = MachineActivity.OthersShareSince(activity);

        var report = new StringBuilder();
        report.AppendLine("# Cases benchmark: notices at volume");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite (WAL, synchronous=FULL). ");
        report.AppendLine("Reproduce: `dotnet run --project bench/ReelRights.Bench -c Release -- cases`.");
        report.AppendLine();
        report.AppendLine("10,000 monitoring hits of one rights holder on one work, across 20 platforms without an account here (each");
        report.AppendLine("reached by e-mail). *Send*: open the case from its hits and make the send-notice move, which writes the notice");
        report.AppendLine("(bilingual HTML listing every hit with its copied and reference seconds), stores it content-addressed, commits");
        report.AppendLine("the step and seals it on the ledger (RFC 3161 token, signed checkpoint); *send → sealed receipt* is that whole");
        report.AppendLine("call, measured per notice. 20 senders run at once (one per platform). *Delivered*: the e-mail job then writes each");
        report.AppendLine("notice, its HTML attached, as an .eml file to the outbox folder (2 workers, the server's default).");
        report.AppendLine("*Bare ledger append*: the same ledger, in the same run, appending records of a case step's size from 20");
        report.AppendLine("concurrent callers — what sealing alone costs.");
        report.AppendLine();
        report.AppendLine("| scenario | notices | hits per notice | notice size | notices per second | send → sealed receipt p50 | p99 | max | e-mails delivered per second |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var p in new[] { perPlatform, small })
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.Notices:N0} | {p.HitsPerNotice} | {p.NoticeBytes / 1024.0:F0} KiB | {p.Notices / p.Seconds:F1} | {Percentile(p.SendToSealedMs, 0.5):F0} ms | {Percentile(p.SendToSealedMs, 0.99):F0} ms | {p.SendToSealedMs.Max():F0} ms | {p.Mails / p.MailSeconds:F1} |");
        }
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| bare ledger append (baseline) | {BareAppends:N0} appends | — | — | {baseline.Rate:F0} appends/s | {Percentile(baseline.LatencyMs, 0.5):F1} ms | {Percentile(baseline.LatencyMs, 0.99):F1} ms | {baseline.LatencyMs.Max():F1} ms | — |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Small notices go out at {small.Notices / small.Seconds / baseline.Rate:P1} of the bare append rate. Each notice is two moves (open, send),");
        report.AppendLine("and each move commits the case and then seals its step: four durable SQLite commits per notice beside the");
        report.AppendLine("two ledger appends, all through SQLite's single writer, which the 20 senders queue for (hence p99 well above p50).");
        report.AppendLine(CultureInfo.InvariantCulture, $"Other load on the machine during the run: {others:P0} of all cores (from /proc/stat, this process excluded).");
        var path = Path.Combine(BenchSupport.RepoRoot(), "bench", "results", "cases.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"written to {path}");
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    /// <summary>A rights holder with one work and episode, a monitoring task, and 500 hits (plus one for the warm-up) on each of 20 platforms' sites.</summary>
    private static async Task<(Actor Claimant, List<List<Guid>> Hits)> SeedAsync(IServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var org = await s.GetRequiredService<OrganizationService>().CreateAsync(Actor.System(Guid.Empty, OrganizationKind.Operator), "星河影业", OrganizationKind.RightsHolder, CancellationToken.None);
        var user = await s.GetRequiredService<UserService>().CreateAsync(Actor.System(org.Id, OrganizationKind.RightsHolder), org.Id, "legal@bench.test", "法务", "bench password 1", true, CancellationToken.None);
        var claimant = new Actor(org.Id, OrganizationKind.RightsHolder, user.Id, null, Permissions.ForUser(OrganizationKind.RightsHolder, isAdmin: true));
        var work = await s.GetRequiredService<WorkService>().CreateAsync(claimant, new CreateWorkRequest("霸道总裁的替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var db = s.GetRequiredService<ReelRightsDbContext>();
        var now = DateTime.UtcNow;
        var episode = new Episode
        {
            Id = Guid.CreateVersion7(), WorkId = work.Id, OrganizationId = org.Id, Number = 1, Code = "EP-BENCH-1", Title = "第1集",
            Source = EpisodeSource.Media, DurationSeconds = 120, State = EpisodeState.Ready, CreatedAt = now,
        };
        var task = new MonitoringTask { Id = Guid.CreateVersion7(), OrganizationId = org.Id, Name = "bench", CreatedAt = now };
        db.Episodes.Add(episode);
        db.MonitoringTasks.Add(task);
        var hits = new List<List<Guid>>();
        for (var p = 0; p < Platforms; p++)
        {
            var ids = new List<Guid>();
            // One more per platform for the warm-up notices.
            for (var i = 0; i <= Hits / Platforms; i++)
            {
                var start = i % 90;
                var hit = new MonitoringHit
                {
                    Id = Guid.CreateVersion7(), OrganizationId = org.Id, TaskId = task.Id, EpisodeId = episode.Id, WorkId = work.Id,
                    Source = $"https://site{p:00}.example/v/{i}.mp4", PageUrl = $"https://site{p:00}.example/watch/{i}", MediaSha256 = new string('b', 64),
                    Score = 0.9, Modality = "video+audio", Class = MatchClass.Suspected, FirstSeenAt = now, LastSeenAt = now, TimesSeen = 1,
                    Segments = $"[{{\"queryStart\":0,\"queryEnd\":30,\"referenceStart\":{start},\"referenceEnd\":{start + 30}}}]",
                };
                db.MonitoringHits.Add(hit);
                ids.Add(hit.Id);
            }
            hits.Add(ids);
        }
        await db.SaveChangesAsync();
        return (claimant, hits);
    }

    /// <summary>Opens and sends one notice per hit group (group i goes to platform i mod 20), 20 senders at once, then delivers the e-mails.</summary>
    private static async Task<Phase> SendAsync(IServiceProvider sp, Actor claimant, List<List<Guid>> groups, string name, string outbox)
    {
        var latencies = new double[groups.Count];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Platforms).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < groups.Count; i = Interlocked.Increment(ref next))
            {
                var platform = i % Platforms;
                await using var scope = sp.CreateAsyncScope();
                var s = scope.ServiceProvider;
                var opened = (await s.GetRequiredService<CaseService>().OpenFromHitsAsync(claimant, groups[i],
                    new PlatformParty(Name: $"平台 {platform:00}", Email: $"abuse@site{platform:00}.example"), null, CancellationToken.None)).Single();
                var send = Stopwatch.StartNew();
                var moved = await s.GetRequiredService<CaseMoves>().ActAsync(claimant, opened.Id, CaseAction.SendNotice, new MoveInput(), CancellationToken.None);
                latencies[i] = send.Elapsed.TotalMilliseconds;
                if (moved.Step.LedgerIndex is null)
                {
                    throw new InvalidOperationException($"notice of case {opened.Number} was not sealed");
                }
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var before = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").Length : 0;
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(w => DeliverMailAsync(sp, $"bench-mail-{w}")));
        var mailSeconds = watch.Elapsed.TotalSeconds;
        var mails = Directory.GetFiles(outbox, "*.eml").Length - before;
        if (mails != groups.Count)
        {
            throw new InvalidOperationException($"{groups.Count} notices sent but {mails} e-mails written to the outbox");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {groups.Count} notices in {seconds:F1} s ({groups.Count / seconds:F1}/s), p99 send→sealed {Percentile(latencies, 0.99):F0} ms; {mails} e-mails in {mailSeconds:F1} s"));
        await using var sizes = sp.CreateAsyncScope();
        var db = sizes.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var newest = await db.Cases.AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(groups.Count).Select(c => c.NoticeSha256).ToListAsync();
        var blobs = sizes.ServiceProvider.GetRequiredService<ReelRights.Core.Blobs.IBlobStore>();
        var noticeBytes = newest.OfType<string>().Max(sha => new FileInfo(blobs.LocalPath(sha)!).Length);
        return new Phase(name, groups.Count, groups.Max(g => g.Count), seconds, latencies, mailSeconds, mails, noticeBytes);
    }

    /// <summary>Runs queued e-mail jobs until none is left, as the server's job worker would.</summary>
    private static async Task DeliverMailAsync(IServiceProvider sp, string worker)
    {
        while (true)
        {
            await using var scope = sp.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
            var job = await queue.ClaimAsync(worker, [MailSendJob.JobKind], CancellationToken.None);
            if (job is null)
            {
                return;
            }
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == MailSendJob.JobKind);
            await handler.RunAsync(job, _ => Task.CompletedTask, CancellationToken.None);
            await queue.CompleteAsync(job.Id, worker, CancellationToken.None);
        }
    }

    /// <summary>The ledger alone: case-step-sized records from 20 concurrent callers.</summary>
    private static async Task<(double Rate, double[] LatencyMs)> BareAppendsAsync(IServiceProvider sp)
    {
        var appender = sp.GetRequiredService<LedgerAppender>();
        var latencies = new double[BareAppends];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Platforms).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < BareAppends; i = Interlocked.Increment(ref next))
            {
                var one = Stopwatch.StartNew();
                await appender.AppendAsync(StepSized(i), null, CancellationToken.None);
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }
        }));
        return (BareAppends / watch.Elapsed.TotalSeconds, latencies);
    }

    private static LedgerRecord StepSized(int i) => LedgerRecord.Create(LedgerRecordType.Attestation, Encoding.UTF8.GetBytes(
        $$"""{"case":"{{Guid.CreateVersion7()}}","number":"WQ-2026-BENCH{{i}}","kind":"notice","step":2,"action":"send-notice","from":"open","to":"notice-sent","actor":{"role":"claimant","organization":"{{Guid.CreateVersion7()}}","user":null},"at":"2026-12-07T10:00:00.000Z","attachmentsSha256":"{{new string('c', 64)}}","work":"{{Guid.CreateVersion7()}}"}"""));

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
