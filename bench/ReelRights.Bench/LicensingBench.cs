using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Core.Licensing;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;
using ReelRights.Data.Sqlite;

namespace ReelRights.Bench;

/// <summary>
/// Licensing at volume, on the embedded SQLite database. (1) The exclusivity check an accept runs
/// (<see cref="DealService.ConflictAsync"/>: candidates narrowed in SQL, each compared with
/// <see cref="GrantOverlap"/>) against 100,000 licenses of one work, per offer, against the plain
/// SELECT of the same candidate rows. (2) The re-classification job after a licensee declares a
/// channel, over 100,000 open hits of the work, against a plain SELECT of those hits and an UPDATE
/// of the changed ones in one transaction. Both baselines run in the same process on the same data.
/// </summary>
internal static class LicensingBench
{
    private const int DefaultCount = 100_000;
    private const int DefaultChecks = 200;
    private const int WarmUpChecks = 20;
    private const int InsertBatch = 5_000;
    private const int Episodes = 20;
    private const int LicensedEpisodes = 15;
    private const double ChannelShare = 0.4;
    private const int ManyLicensesHits = 2_000;
    private const int BelowLimitLicenses = 20_000;
    private const int Seed = 20261207;
    private const string ChannelPrefix = "https://video.example/viu/";
    private const string ChannelLicenseCode = "RRL-C-000001";
    private const string Worker = "bench-worker";
    private const string Usage = "licensing [--licenses N] [--hits N] [--checks N] [--results FILE]";

    private sealed record Options(int Licenses, int Hits, int Checks, string Results, string Arguments);

    private sealed record Parties(Actor Owner, Actor Licensee, IReadOnlyList<Guid> Licensees);

    /// <summary>One offer checked: its kind, whether it was refused, how many rows the SQL narrowing returned, both timings.</summary>
    private sealed record Check(string Kind, bool Conflict, int Candidates, double CheckMs, double SelectMs);

    /// <summary>One pass over the hits of a work: how many it read, how many it changed, how long it took.</summary>
    private sealed record Pass(string Name, int Hits, int Changed, double Seconds);

    private sealed record Expected(int Licensed, int Outside);

    /// <summary>
    /// Re-classification on the work with many licenses: the job's time or its error, and apart the
    /// rules' load (or its error), reading the license rows, deserializing their terms, and the
    /// query for their channels (or its error), and the rules' per-hit decision.
    /// </summary>
    private sealed record ManyLicenses(string Work, int Licenses, int Hits, double? JobSeconds, string? JobError, double? LoadSeconds, double ReadSeconds, double ParseSeconds,
        double? ChannelsSeconds, string? ChannelsError, double? DecideSecondsPerHit);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine($"usage: dotnet run --project bench/ReelRights.Bench -c Release -- {Usage}");
            return 2;
        }
        var dir = Directory.CreateTempSubdirectory("rr-bench-licensing-").FullName;
        var file = Path.Combine(dir, "licensing.db");
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddReelRightsCore(new SqliteDatabaseProvider(), $"Data Source={file};Pooling=True", Path.Combine(dir, "blobs"));
        services.AddSingleton<ISecretProtector>(new BenchSupport.EphemeralProtector());
        await using var sp = services.BuildServiceProvider();
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync(CancellationToken.None);
        }
        var parties = await PartiesAsync(sp);
        var familyWork = await WorkAsync(sp, parties.Owner, "霸道总裁的替身新娘");
        var channelWork = await WorkAsync(sp, parties.Owner, "闪婚后，豪门老公宠上天");

        // 1. The exclusivity check against the licenses of one work.
        var corpus = new LicenseCorpus(Seed);
        var watch = Stopwatch.StartNew();
        await SeedLicensesAsync(sp, parties, familyWork, corpus.Existing(options.Licenses), "RRL-B");
        var licenseSeedSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {options.Licenses:N0} licenses ({corpus.ExclusiveShare(options.Licenses):N0} exclusive or sole) in {licenseSeedSeconds:F1} s"));
        await ChecksAsync(sp, familyWork, corpus.Offers(WarmUpChecks));
        var offers = corpus.Offers(options.Checks);
        var exclusivityActivity = MachineActivity.Now();
        var checks = await ChecksAsync(sp, familyWork, offers);
        var exclusivityOthers = MachineActivity.OthersShareSince(exclusivityActivity);
        var checkPlan = await PlanAsync(sp, db => Candidates(db, familyWork, offers.First(o => o.Kind == LicenseCorpus.ExclusiveFree).Terms));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exclusivity: {checks.Count} checks, p50 {BenchSupport.Percentile(Times(checks, c => c.CheckMs), 0.5):F1} ms, p99 {BenchSupport.Percentile(Times(checks, c => c.CheckMs), 0.99):F1} ms; SELECT p50 {BenchSupport.Percentile(Times(checks, c => c.SelectMs), 0.5):F1} ms"));

        // 2. Re-classification of the hits of another work after its licensee declares a channel.
        watch.Restart();
        var expected = await SeedHitsAsync(sp, parties.Owner.OrganizationId, channelWork, options.Hits, Episodes, ChannelShare, "site");
        var licensedEpisodes = await LicenseChannelWorkAsync(sp, parties, channelWork);
        var hitSeedSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {options.Hits:N0} hits ({expected.Licensed:N0} to become licensed, {expected.Outside:N0} outside the license's scope) in {hitSeedSeconds:F1} s"));
        var reclassifyActivity = MachineActivity.Now();
        var tracked = await TrackedBaselineAsync(sp, parties.Owner.OrganizationId, channelWork, licensedEpisodes);
        await ResetHitsAsync(sp, channelWork);
        var setBased = await SetBasedBaselineAsync(sp, parties.Owner.OrganizationId, channelWork, licensedEpisodes);
        await ResetHitsAsync(sp, channelWork);
        foreach (var baseline in new[] { tracked, setBased })
        {
            if (baseline.Changed != expected.Licensed + expected.Outside)
            {
                throw new InvalidOperationException($"{baseline.Name} changed {baseline.Changed} hits, {expected.Licensed + expected.Outside} expected");
            }
        }
        await using (var scope = sp.CreateAsyncScope())
        {
            // The product's own path: the licensee declares the channel, which queues the job.
            await scope.ServiceProvider.GetRequiredService<LicenseChanges>().DeclareChannelAsync(parties.Licensee, ChannelLicenseCode, null, ChannelPrefix, CancellationToken.None);
        }
        var jobSeconds = await RunReclassifyJobAsync(sp);
        var reclassifyOthers = MachineActivity.OthersShareSince(reclassifyActivity);
        var job = new Pass("LicenseReclassifyJob", options.Hits, await VerifyAsync(sp, channelWork, expected), jobSeconds);
        var batchPlan = await PlanAsync(sp, db => db.MonitoringHits
            .Where(h => h.WorkId == channelWork && h.OrganizationId == parties.Owner.OrganizationId && h.DismissedReason == null && h.Id.CompareTo(Guid.Empty) > 0)
            .OrderBy(h => h.Id).Take(2000));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reclassify: {job.Hits / job.Seconds:F0} hits/s ({job.Seconds:F1} s); baselines {tracked.Seconds:F1} s (EF tracked), {setBased.Seconds:F1} s (set-based)"));

        // 3. The same job on the work holding the licenses of part 1 (few hits: it is slow there).
        var manyHits = Math.Min(ManyLicensesHits, options.Hits);
        var manyActivity = MachineActivity.Now();
        var many = new List<ManyLicenses> { await ManyLicensesAsync(sp, parties.Owner.OrganizationId, familyWork, "the work of part 1", options.Licenses, manyHits) };
        if (many[0].LoadSeconds is null && options.Licenses > BelowLimitLicenses)
        {
            // It failed: the same on a work with fewer licenses, to show the cost below the limit.
            var smallerWork = await WorkAsync(sp, parties.Owner, "替身新娘 第二季");
            await SeedLicensesAsync(sp, parties, smallerWork, new LicenseCorpus(Seed + 1).Existing(BelowLimitLicenses), "RRL-D");
            many.Add(await ManyLicensesAsync(sp, parties.Owner.OrganizationId, smallerWork, "a third work", BelowLimitLicenses, manyHits));
        }
        var manyOthers = MachineActivity.OthersShareSince(manyActivity);
        foreach (var m in many)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reclassify beside {m.Licenses:N0} licenses: {(m.JobSeconds is { } js ? $"{m.Hits / js:F0} hits/s ({js:F1} s)" : m.JobError)}; rules {m.LoadSeconds?.ToString("F1", CultureInfo.InvariantCulture) ?? "failed"}, rows {m.ReadSeconds:F1} s, terms {m.ParseSeconds:F1} s, channels {m.ChannelsSeconds?.ToString("F1", CultureInfo.InvariantCulture) ?? "failed"}"));
        }

        var dbBytes = new DirectoryInfo(dir).GetFiles("licensing.db*").Sum(f => f.Length);
        var report = Report(options, await SqliteVersionAsync(sp), checks, checkPlan, exclusivityOthers, licenseSeedSeconds, corpus.ExclusiveShare(options.Licenses),
            job, tracked, setBased, batchPlan, reclassifyOthers, hitSeedSeconds, expected, many, manyOthers, dbBytes);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Results)!);
        await File.WriteAllTextAsync(options.Results, report);
        Console.WriteLine(report);
        Console.WriteLine($"written to {options.Results}");
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static Options? Parse(string[] args)
    {
        var licenses = DefaultCount;
        var hits = DefaultCount;
        var checks = DefaultChecks;
        string? results = null;
        var shown = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : null;
            if (value is null || !(name is "--results" || int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                Console.Error.WriteLine($"{name} needs a value");
                return null;
            }
            switch (name)
            {
                case "--licenses": licenses = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--hits": hits = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--checks": checks = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--results": results = Path.GetFullPath(value); continue;
                default:
                    Console.Error.WriteLine($"unknown option {name}");
                    return null;
            }
            shown.Add($"{name} {value}");
        }
        if (licenses < 10 || hits < 1 || checks < 4)
        {
            Console.Error.WriteLine("--licenses takes at least 10, --hits at least 1, --checks at least 4");
            return null;
        }
        return new Options(licenses, hits, checks, results ?? Path.Combine(BenchSupport.RepoRoot(), "bench", "results", "licensing.md"),
            string.Concat(shown.Select(s => " " + s)));
    }

    /// <summary>The rights holder (with a user), ten licensee organizations, and an actor for the first licensee.</summary>
    private static async Task<Parties> PartiesAsync(IServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var organizations = s.GetRequiredService<OrganizationService>();
        var operatorActor = Actor.System(Guid.Empty, OrganizationKind.Operator);
        var org = await organizations.CreateAsync(operatorActor, "星河影业", OrganizationKind.RightsHolder, CancellationToken.None);
        var user = await s.GetRequiredService<UserService>().CreateAsync(Actor.System(org.Id, OrganizationKind.RightsHolder), org.Id, "legal@bench.test", "法务", "bench password 1", true, CancellationToken.None);
        var owner = new Actor(org.Id, OrganizationKind.RightsHolder, user.Id, null, Permissions.ForUser(OrganizationKind.RightsHolder, isAdmin: true));
        var licensees = new List<Guid>();
        foreach (var name in new[] { "Viu 东南亚", "iQIYI International", "WeTV", "Netflix APAC", "ShortMax", "ReelShort", "DramaBox", "GoodShort", "FlexTV", "Kalos TV" })
        {
            licensees.Add((await organizations.CreateAsync(operatorActor, name, OrganizationKind.Licensee, CancellationToken.None)).Id);
        }
        var licensee = new Actor(licensees[0], OrganizationKind.Licensee, null, null, Permissions.ForUser(OrganizationKind.Licensee, isAdmin: true));
        return new Parties(owner, licensee, licensees);
    }

    private static async Task<Guid> WorkAsync(IServiceProvider sp, Actor owner, string title)
    {
        await using var scope = sp.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<WorkService>().CreateAsync(owner, new CreateWorkRequest(title, WorkType.MicroDrama), CancellationToken.None)).Id;
    }

    /// <summary>The licenses in force (codes such as RRL-B-000001), in batches of <see cref="InsertBatch"/> through the DbContext, oldest first.</summary>
    private static async Task SeedLicensesAsync(IServiceProvider sp, Parties parties, Guid workId, IReadOnlyList<LicenseTerms> terms, string codePrefix)
    {
        var created = DateTime.UtcNow.AddSeconds(-terms.Count);
        for (var from = 0; from < terms.Count; from += InsertBatch)
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            for (var i = from; i < Math.Min(terms.Count, from + InsertBatch); i++)
            {
                var t = terms[i];
                db.Licenses.Add(new License
                {
                    Id = Guid.CreateVersion7(),
                    Code = string.Create(CultureInfo.InvariantCulture, $"{codePrefix}-{i + 1:000000}"),
                    WorkId = workId,
                    LicensorOrganizationId = parties.Owner.OrganizationId,
                    LicenseeOrganizationId = parties.Licensees[i % parties.Licensees.Count],
                    TermsJson = t.ToJson(),
                    RightsMask = (int)t.Rights,
                    Exclusivity = t.Exclusivity,
                    Start = t.Start,
                    End = t.End,
                    State = LicenseState.Active,
                    CreatedAt = created.AddSeconds(i),
                    GrantedAt = created.AddSeconds(i),
                    Version = 1,
                });
            }
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Each offer checked by the product and by the baseline SELECT, alternating which runs first.</summary>
    private static async Task<List<Check>> ChecksAsync(IServiceProvider sp, Guid workId, IReadOnlyList<LicenseCorpus.Offer> offers)
    {
        var checks = new List<Check>(offers.Count);
        for (var i = 0; i < offers.Count; i++)
        {
            var offer = offers[i];
            bool conflict;
            double checkMs, selectMs;
            int rows;
            if (i % 2 == 0)
            {
                (conflict, checkMs) = await TimeCheckAsync(sp, workId, offer.Terms);
                (rows, selectMs) = await TimeSelectAsync(sp, workId, offer.Terms);
            }
            else
            {
                (rows, selectMs) = await TimeSelectAsync(sp, workId, offer.Terms);
                (conflict, checkMs) = await TimeCheckAsync(sp, workId, offer.Terms);
            }
            if (offer.MustConflict is { } must && must != conflict)
            {
                throw new InvalidOperationException($"offer {i} ({offer.Kind}) was {(conflict ? "refused" : "admitted")}: {offer.Terms.ToJson()}");
            }
            checks.Add(new Check(offer.Kind, conflict, rows, checkMs, selectMs));
        }
        return checks;
    }

    /// <summary>The check an accept runs, in a fresh scope as a request would have; only the call is timed.</summary>
    private static async Task<(bool Conflict, double Ms)> TimeCheckAsync(IServiceProvider sp, Guid workId, LicenseTerms terms)
    {
        await using var scope = sp.CreateAsyncScope();
        var deals = scope.ServiceProvider.GetRequiredService<DealService>();
        var start = Stopwatch.GetTimestamp();
        var found = await deals.ConflictAsync(workId, terms, CancellationToken.None);
        return (found is not null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    /// <summary>The baseline: the same candidate rows, read and materialized, nothing compared.</summary>
    private static async Task<(int Rows, double Ms)> TimeSelectAsync(IServiceProvider sp, Guid workId, LicenseTerms terms)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var start = Stopwatch.GetTimestamp();
        var rows = await Candidates(db, workId, terms).ToListAsync();
        return (rows.Count, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    /// <summary>The WHERE and ORDER BY of <see cref="DealService.ConflictAsync"/>, written out again so the baseline reads exactly its rows.</summary>
    private static IQueryable<License> Candidates(ReelRightsDbContext db, Guid workId, LicenseTerms terms)
    {
        var mask = (int)terms.Rights;
        var query = db.Licenses.AsNoTracking().Where(l => l.WorkId == workId && (l.State == LicenseState.Active || l.State == LicenseState.Pending)
            && l.Start <= terms.End && l.End >= terms.Start && (l.RightsMask & mask) != 0);
        if (terms.Exclusivity == Exclusivity.NonExclusive)
        {
            query = query.Where(l => l.Exclusivity != Exclusivity.NonExclusive);
        }
        return query.OrderBy(l => l.CreatedAt);
    }

    /// <summary>
    /// Episodes 1 to <paramref name="episodes"/> of the work, a monitoring task, and <paramref name="count"/>
    /// suspected hits, a share of them under <see cref="ChannelPrefix"/>; the others on 40 other sites,
    /// each with the page it was found on. Returns how many the channel's license should make licensed
    /// and how many it leaves outside its scope (episodes after <see cref="LicensedEpisodes"/>).
    /// </summary>
    private static async Task<Expected> SeedHitsAsync(IServiceProvider sp, Guid organizationId, Guid workId, int count, int episodes, double channelShare, string host)
    {
        var random = new Random(Seed + count + episodes);
        var now = DateTime.UtcNow;
        var list = Enumerable.Range(1, episodes).Select(n => new Episode
        {
            Id = Guid.CreateVersion7(), WorkId = workId, OrganizationId = organizationId, Number = n, Code = $"EP-{workId:N}-{n}", Title = $"第{n}集",
            Source = EpisodeSource.Media, DurationSeconds = 120, State = EpisodeState.Ready, CreatedAt = now,
        }).ToList();
        var task = new MonitoringTask { Id = Guid.CreateVersion7(), OrganizationId = organizationId, Name = $"巡查 {host}", CreatedAt = now };
        await using (var scope = sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            db.Episodes.AddRange(list);
            db.MonitoringTasks.Add(task);
            await db.SaveChangesAsync();
        }
        var licensed = 0;
        var outside = 0;
        for (var from = 0; from < count; from += InsertBatch)
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            for (var i = from; i < Math.Min(count, from + InsertBatch); i++)
            {
                var episode = list[random.Next(list.Count)];
                var onChannel = random.NextDouble() < channelShare;
                if (onChannel && episode.Number <= LicensedEpisodes)
                {
                    licensed++;
                }
                else if (onChannel)
                {
                    outside++;
                }
                var site = string.Create(CultureInfo.InvariantCulture, $"https://{host}{i % 40:00}.example");
                var start = random.Next(0, 90);
                db.MonitoringHits.Add(new MonitoringHit
                {
                    Id = Guid.CreateVersion7(), OrganizationId = organizationId, TaskId = task.Id, EpisodeId = episode.Id, WorkId = workId,
                    Source = onChannel ? $"{ChannelPrefix}{i}.mp4" : $"{site}/v/{i}.mp4", PageUrl = onChannel ? null : $"{site}/watch/{i}",
                    MediaSha256 = Convert.ToHexStringLower(BitConverter.GetBytes(i)).PadLeft(64, '0'),
                    Score = 0.76 + random.NextDouble() * 0.23, Modality = "video+audio", Class = MatchClass.Suspected,
                    FirstSeenAt = now, LastSeenAt = now, TimesSeen = 1,
                    Segments = $"[{{\"queryStart\":0,\"queryEnd\":30,\"referenceStart\":{start},\"referenceEnd\":{start + 30}}}]",
                });
            }
            await db.SaveChangesAsync();
        }
        return new Expected(licensed, outside);
    }

    /// <summary>A non-exclusive streaming and subtitles license of episodes 1–15, worldwide, in force from a year ago for three years; the licensed episodes' ids.</summary>
    private static async Task<IReadOnlyList<Guid>> LicenseChannelWorkAsync(IServiceProvider sp, Parties parties, Guid workId)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var today = LicensingClock.Today(TimeProvider.System);
        var terms = new LicenseTerms
        {
            Rights = LicenseRight.Streaming | LicenseRight.Subtitles,
            Territories = [Territories.Worldwide],
            Episodes = Enumerable.Range(1, LicensedEpisodes).ToList(),
            Start = today.AddYears(-1),
            End = today.AddYears(2),
            Exclusivity = Exclusivity.NonExclusive,
            Price = new LicensePrice(PriceModel.RevenueShare, "CNY", SharePercent: 30),
        }.Validate();
        var now = DateTime.UtcNow;
        db.Licenses.Add(new License
        {
            Id = Guid.CreateVersion7(), Code = ChannelLicenseCode, WorkId = workId, LicensorOrganizationId = parties.Owner.OrganizationId,
            LicenseeOrganizationId = parties.Licensee.OrganizationId, TermsJson = terms.ToJson(), RightsMask = (int)terms.Rights, Exclusivity = terms.Exclusivity,
            Start = terms.Start, End = terms.End, State = LicenseState.Active, CreatedAt = now, GrantedAt = now, Version = 1,
        });
        await db.SaveChangesAsync();
        return await db.Episodes.Where(e => e.WorkId == workId && e.Number <= LicensedEpisodes).Select(e => e.Id).ToListAsync();
    }

    /// <summary>Baseline: the open hits read as tracked entities, the class and license code of the channel's hits set, SaveChanges, one transaction.</summary>
    private static async Task<Pass> TrackedBaselineAsync(IServiceProvider sp, Guid organizationId, Guid workId, IReadOnlyList<Guid> licensedEpisodes)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var licensed = licensedEpisodes.ToHashSet();
        var start = Stopwatch.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var hits = await db.MonitoringHits.Where(h => h.WorkId == workId && h.OrganizationId == organizationId && h.DismissedReason == null).ToListAsync();
        var changed = 0;
        foreach (var hit in hits.Where(h => h.Source.StartsWith(ChannelPrefix, StringComparison.Ordinal)))
        {
            hit.Class = licensed.Contains(hit.EpisodeId) ? MatchClass.Licensed : MatchClass.OutsideLicenseScope;
            hit.LicenseCode = ChannelLicenseCode;
            changed++;
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new Pass("SELECT + UPDATE, EF tracked entities (baseline)", hits.Count, changed, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Baseline floor: the open hits read (materialized, untracked), then two set-based UPDATE statements, one transaction.</summary>
    private static async Task<Pass> SetBasedBaselineAsync(IServiceProvider sp, Guid organizationId, Guid workId, IReadOnlyList<Guid> licensedEpisodes)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var ids = licensedEpisodes.ToList();
        var start = Stopwatch.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var open = db.MonitoringHits.Where(h => h.WorkId == workId && h.OrganizationId == organizationId && h.DismissedReason == null);
        var hits = await open.AsNoTracking().ToListAsync();
        var onChannel = open.Where(h => h.Source.StartsWith(ChannelPrefix));
        var changed = await onChannel.Where(h => ids.Contains(h.EpisodeId))
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.Class, MatchClass.Licensed).SetProperty(h => h.LicenseCode, ChannelLicenseCode));
        changed += await onChannel.Where(h => !ids.Contains(h.EpisodeId))
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.Class, MatchClass.OutsideLicenseScope).SetProperty(h => h.LicenseCode, ChannelLicenseCode));
        await transaction.CommitAsync();
        return new Pass("SELECT + 2 set-based UPDATEs (floor)", hits.Count, changed, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Puts the work's hits back as seeded (suspected, no license), not timed.</summary>
    private static async Task ResetHitsAsync(IServiceProvider sp, Guid workId)
    {
        await using var scope = sp.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>().MonitoringHits.Where(h => h.WorkId == workId)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.Class, MatchClass.Suspected).SetProperty(h => h.LicenseCode, (string?)null));
    }

    /// <summary>Claims the due re-classification job and runs it as the server's worker does (progress reported to the queue); the run is timed.</summary>
    private static async Task<double> RunReclassifyJobAsync(IServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == LicenseReclassifyJob.JobKind);
        var job = await queue.ClaimAsync(Worker, [LicenseReclassifyJob.JobKind], CancellationToken.None)
            ?? throw new InvalidOperationException("no re-classification job was queued");
        var start = Stopwatch.GetTimestamp();
        await handler.RunAsync(job, p => queue.ReportProgressAsync(job.Id, Worker, p, CancellationToken.None), CancellationToken.None);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await queue.CompleteAsync(job.Id, Worker, CancellationToken.None);
        return seconds;
    }

    /// <summary>Checks the job left every hit as expected, with one history entry per changed hit; how many changed.</summary>
    private static async Task<int> VerifyAsync(IServiceProvider sp, Guid workId, Expected expected)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var classes = await db.MonitoringHits.Where(h => h.WorkId == workId).GroupBy(h => h.Class).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var history = await db.AuditEvents.CountAsync(e => e.Action == LicenseReclassifyJob.ReclassifiedAction);
        if (classes.GetValueOrDefault(MatchClass.Licensed) != expected.Licensed || classes.GetValueOrDefault(MatchClass.OutsideLicenseScope) != expected.Outside
            || history != expected.Licensed + expected.Outside)
        {
            throw new InvalidOperationException($"after the job: {string.Join(", ", classes.Select(c => $"{c.Key} {c.Value}"))}, {history} history entries; expected {expected}");
        }
        return history;
    }

    /// <summary>
    /// Seeds <paramref name="hits"/> open hits on the work (none on a channel), times the parts of
    /// <see cref="ChannelRules.LoadAsync"/> apart — the license rows, their terms, the query for their
    /// channels (one SQL parameter per license) — then the rules' load as a whole, then the job.
    /// A database error is reported, not thrown: past SQLite's limit of SQL variables it is the finding.
    /// </summary>
    private static async Task<ManyLicenses> ManyLicensesAsync(IServiceProvider sp, Guid organizationId, Guid workId, string work, int licenses, int hits)
    {
        await SeedHitsAsync(sp, organizationId, workId, hits, 1, 0, "mirror");
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var start = Stopwatch.GetTimestamp();
        var rows = await db.Licenses.AsNoTracking().Where(l => l.WorkId == workId && l.LicensorOrganizationId == organizationId
            && (l.State == LicenseState.Active || l.State == LicenseState.Terminated)).ToListAsync();
        var read = Stopwatch.GetElapsedTime(start).TotalSeconds;
        start = Stopwatch.GetTimestamp();
        if (rows.Sum(l => LicenseTerms.FromJson(l.TermsJson).TerritoryCodes().Count) == 0)
        {
            throw new InvalidOperationException("no license terms");
        }
        var parse = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var ids = rows.Select(l => l.Id).ToList();
        var (channels, channelsError) = await TimedAsync(() => db.LicenseChannels.AsNoTracking().Where(c => ids.Contains(c.LicenseId)).ToListAsync());
        ChannelRules? rules = null;
        var (load, _) = await TimedAsync(async () => rules = await ChannelRules.LoadAsync(db, organizationId, workId, LicensingClock.Today(TimeProvider.System), CancellationToken.None));
        double? decide = null;
        if (rules is not null)
        {
            // The job's per-hit question, asked directly: the hit's source, then its page.
            var urls = await db.MonitoringHits.AsNoTracking().Where(h => h.WorkId == workId).Select(h => new { h.Source, h.PageUrl }).ToListAsync();
            start = Stopwatch.GetTimestamp();
            foreach (var hit in urls)
            {
                _ = rules.Decide(1, new CandidateChannel(null, hit.Source), null) ?? (hit.PageUrl is { } page ? rules.Decide(1, new CandidateChannel(null, page), null) : null);
            }
            decide = Stopwatch.GetElapsedTime(start).TotalSeconds / urls.Count;
        }
        await using (var enqueue = sp.CreateAsyncScope())
        {
            enqueue.ServiceProvider.GetRequiredService<JobQueue>().Enqueue(LicenseReclassifyJob.JobKind, LicenseReclassifyJob.Payload(workId), organizationId);
            await enqueue.ServiceProvider.GetRequiredService<ReelRightsDbContext>().SaveChangesAsync();
        }
        double? job = null;
        string? jobError = null;
        try
        {
            job = await RunReclassifyJobAsync(sp);
        }
        catch (DbException e)
        {
            jobError = e.Message;
        }
        return new ManyLicenses(work, licenses, hits, job, jobError, load, read, parse, channels, channelsError, decide);
    }

    /// <summary>Seconds the call took, or the database's error message.</summary>
    private static async Task<(double? Seconds, string? Error)> TimedAsync(Func<Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await call();
            return (Stopwatch.GetElapsedTime(start).TotalSeconds, null);
        }
        catch (DbException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>SQLite's EXPLAIN QUERY PLAN for a query, its steps joined.</summary>
    private static async Task<string> PlanAsync<T>(IServiceProvider sp, Func<ReelRightsDbContext, IQueryable<T>> query)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = query(db).CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }
        return string.Join("; ", steps);
    }

    private static async Task<string> SqliteVersionAsync(IServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static double[] Times(IEnumerable<Check> checks, Func<Check, double> pick) => checks.Select(pick).ToArray();

    private static string Report(Options o, string sqlite, List<Check> checks, string checkPlan, double exclusivityOthers, double licenseSeedSeconds, int exclusive,
        Pass job, Pass tracked, Pass setBased, string batchPlan, double reclassifyOthers, double hitSeedSeconds, Expected expected, IReadOnlyList<ManyLicenses> many, double manyOthers, long dbBytes)
    {
        var inv = CultureInfo.InvariantCulture;
        string Ms(double v) => v.ToString(v < 10 ? "F2" : "F1", inv);
        var r = new StringBuilder();
        r.AppendLine("# Licensing benchmark: the exclusivity check and re-classification at volume");
        r.AppendLine();
        r.AppendLine(inv, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}, SQLite {sqlite} (WAL, synchronous=FULL). ");
        r.AppendLine(inv, $"Reproduce: `dotnet run --project bench/ReelRights.Bench -c Release -- licensing{o.Arguments}` (options: `{Usage}`; defaults 100,000 licenses, 100,000 hits, 200 checks).");
        r.AppendLine();
        r.AppendLine(inv, $"One SQLite file ({dbBytes / 1048576.0:F0} MiB at the end), created and migrated by the Core services; every figure below and its baseline measured in this process, on the same data.");
        r.AppendLine(inv, $"Other load on the machine: {exclusivityOthers:P0} of all cores during part 1, {reclassifyOthers:P0} during part 2, {manyOthers:P0} during its last section (from /proc/stat, this process excluded); 1-minute load average {MachineActivity.LoadAverage():F1} at the end.");
        r.AppendLine();
        r.AppendLine("## 1. Exclusivity check against the licenses of one work");
        r.AppendLine();
        r.AppendLine(inv, $"{o.Licenses:N0} licenses in force on one work (seeded through the DbContext in batches of {InsertBatch:N0}: {licenseSeedSeconds:F1} s), between 10 licensees, none conflicting");
        r.AppendLine(inv, $"with another: {exclusive:N0} exclusive or sole, each on a cell of its own (one territory of a reserved fifth of the ISO codes, one right,");
        r.AppendLine("one quarter of 2020–2045); the rest non-exclusive, 1–6 of the other codes, 1–3 of the 7 rights, 30 days to 3 years between 2020");
        r.AppendLine("and 2048, some limited to a language or to a few episodes. *Check*: `DealService.ConflictAsync`, the code `AcceptAsync` runs");
        r.AppendLine("(candidates narrowed in SQL by work, state, term, rights mask and — for a non-exclusive offer — exclusivity, ordered by creation, each");
        r.AppendLine("deserialized and compared with `GrantOverlap.Conflicts` until the first conflict), called directly (it is `internal`, visible to the bench),");
        r.AppendLine("in a fresh scope per offer; timed is the call. *SELECT*: the baseline, the same WHERE and ORDER BY materialized with `AsNoTracking().ToListAsync()`,");
        r.AppendLine(inv, $"nothing compared. The two alternate which runs first. {o.Checks} offers, a quarter of each kind, in random order, after {WarmUpChecks} not counted (warm-up).");
        r.AppendLine("Not included: the rest of an accept (loading the deal, the licensing-lock row, the insert, the contract PDF).");
        r.AppendLine();
        r.AppendLine("| offers | n | refused | SQL candidate rows, median (max) | check p50 | p95 | p99 | SELECT p50 | p95 | p99 | check ÷ SELECT at p50 |");
        r.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, group) in new[] { ("all", checks) }.Concat(LicenseCorpus.Kinds.Select(k => (k, checks.Where(c => c.Kind == k).ToList()))))
        {
            if (group.Count == 0)
            {
                continue;
            }
            var check = Times(group, c => c.CheckMs);
            var select = Times(group, c => c.SelectMs);
            var rows = group.Select(c => (double)c.Candidates).ToArray();
            r.AppendLine(inv,
                $"| {name} | {group.Count} | {group.Count(c => c.Conflict)} | {BenchSupport.Percentile(rows, 0.5):N0} ({rows.Max():N0}) | {Ms(BenchSupport.Percentile(check, 0.5))} ms | {Ms(BenchSupport.Percentile(check, 0.95))} ms | {Ms(BenchSupport.Percentile(check, 0.99))} ms | {Ms(BenchSupport.Percentile(select, 0.5))} ms | {Ms(BenchSupport.Percentile(select, 0.95))} ms | {Ms(BenchSupport.Percentile(select, 0.99))} ms | {BenchSupport.Percentile(check, 0.5) / BenchSupport.Percentile(select, 0.5):F2} |");
        }
        r.AppendLine();
        r.AppendLine(inv, $"Kinds: *{LicenseCorpus.NonExclusiveFree}* — a non-exclusive offer on the shared codes (only exclusive and sole grants are candidates; must pass);");
        r.AppendLine(inv, $"*{LicenseCorpus.NonExclusiveOverExclusive}* — covers an existing exclusive grant's territory, right and quarter (must be refused);");
        r.AppendLine(inv, $"*{LicenseCorpus.ExclusiveOverShared}* — an exclusive offer on the shared codes (refused when a non-exclusive grant shares a territory, right and day);");
        r.AppendLine(inv, $"*{LicenseCorpus.ExclusiveFree}* — an exclusive offer on free cells (must pass, and every grant sharing a right and a day is compared: the most work).");
        r.AppendLine(inv, $"The bench stops if an outcome known beforehand differs. With {o.Checks / LicenseCorpus.Kinds.Count} offers a kind, p99 of a kind is its largest value.");
        r.AppendLine();
        r.AppendLine(inv, $"SQLite's plan for the candidates: `{checkPlan}`. Every license of the work is active, so the index narrows nothing: SQLite visits");
        r.AppendLine("every row of the work, applies the term, rights and exclusivity filters row by row, and sorts what is left by creation. That visit is");
        r.AppendLine("most of both the check and the SELECT; the check adds the deserialization and comparison of each candidate it reaches, and saves");
        r.AppendLine("the rest when it stops at the first conflict.");
        r.AppendLine();
        r.AppendLine("## 2. Re-classification of the hits after a license change");
        r.AppendLine();
        r.AppendLine(inv, $"{o.Hits:N0} open, suspected hits of another work of the same owner ({Episodes} episodes; seeded with the license in {hitSeedSeconds:F1} s), {ChannelShare:P0} of them under");
        r.AppendLine(inv, $"`{ChannelPrefix}`, the others on 40 other sites with the page they were found on. The work has one license in force: non-exclusive");
        r.AppendLine(inv, $"streaming and subtitles of episodes 1–{LicensedEpisodes}, worldwide. Its licensee declares that URL prefix as its channel through `LicenseChanges.DeclareChannelAsync`,");
        r.AppendLine("which queues the job; the bench claims it from the `JobQueue` and runs `LicenseReclassifyJob` as the server's worker does (progress reported");
        r.AppendLine(inv, $"to the queue). The job must turn {expected.Licensed:N0} hits *licensed* and {expected.Outside:N0} *outside license scope* with the license's code, leave the");
        r.AppendLine("rest, and write one history entry per changed hit; the bench checks all of that. Timed: the handler's run.");
        r.AppendLine("Baselines, each followed by an untimed reset of the hits: *EF tracked* — the same open hits read as tracked entities, the changed ones'");
        r.AppendLine("class and license code set, `SaveChanges`, in one transaction (the UPDATE statements EF needs); *set-based* — the hits read (materialized,");
        r.AppendLine("untracked), then two `ExecuteUpdate` statements, one transaction. Neither decides anything nor writes history.");
        r.AppendLine();
        r.AppendLine("| pass | hits read | hits changed | seconds | hits per second | time ÷ EF baseline | time ÷ set-based |");
        r.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var p in new[] { job, tracked, setBased })
        {
            r.AppendLine(inv, $"| {p.Name} | {p.Hits:N0} | {p.Changed:N0} | {p.Seconds:F2} | {p.Hits / p.Seconds:N0} | {p.Seconds / tracked.Seconds:F2} | {p.Seconds / setBased.Seconds:F2} |");
        }
        r.AppendLine();
        r.AppendLine(inv, $"**The job re-classifies {job.Hits / job.Seconds:N0} hits per second ({job.Seconds:F1} s for {job.Hits:N0}), {job.Seconds / tracked.Seconds:F1}× the EF baseline's time and {job.Seconds / setBased.Seconds:F1}× the set-based floor's.**");
        r.AppendLine();
        r.AppendLine(inv, $"SQLite's plan for the job's batch query (2,000 hits after the last id): `{batchPlan}`.");
        r.AppendLine();
        r.AppendLine("### The same job beside many licenses");
        r.AppendLine();
        r.AppendLine(inv, $"{many[0].Hits:N0} open hits (none on a declared channel, so none should change) of a work with many licenses in force (seeded as in part 1),");
        r.AppendLine("queued for the same job. `ChannelRules.LoadAsync` reads the owner's declared channels and, by a join, only those licenses of the work that");
        r.AppendLine("declare a channel (none here), with their terms and channels. As a baseline, the way it loaded before commit 8313a78 was timed step by step:");
        r.AppendLine("every license in force or terminated read and deserialized, then their channels fetched by an id list.");
        if (many.Count > 1)
        {
            r.AppendLine(inv, $"The same was measured on a third work with {many[1].Licenses:N0} licenses.");
        }
        r.AppendLine();
        r.AppendLine("| step | " + string.Join(" | ", many.Select(m => string.Create(inv, $"{m.Work} ({m.Licenses:N0} licenses)"))) + " |");
        r.AppendLine("|---|" + string.Concat(many.Select(_ => "---|")));
        r.AppendLine("| baseline, the earlier load: read every license row | " + string.Join(" | ", many.Select(m => string.Create(inv, $"{m.ReadSeconds:F2} s"))) + " |");
        r.AppendLine("| baseline: deserialize their terms, expand their territories | " + string.Join(" | ", many.Select(m => string.Create(inv, $"{m.ParseSeconds:F2} s"))) + " |");
        r.AppendLine("| baseline: their channels by `ids.Contains(c.LicenseId)` (EF Core 10 sends one SQL parameter per license) | "
            + string.Join(" | ", many.Select(m => m.ChannelsSeconds is { } c ? string.Create(inv, $"{c:F2} s") : $"**fails**: {m.ChannelsError}")) + " |");
        r.AppendLine("| `ChannelRules.LoadAsync` as it is now, whole | " + string.Join(" | ", many.Select(m => m.LoadSeconds is { } l ? string.Create(inv, $"{l:F2} s") : "**fails**")) + " |");
        r.AppendLine("| `ChannelRules.Decide` per hit (source, then page URL), timed alone | "
            + string.Join(" | ", many.Select(m => m.DecideSecondsPerHit is { } d ? string.Create(inv, $"{d * 1000:F3} ms") : "—")) + " |");
        r.AppendLine(string.Create(inv, $"| `LicenseReclassifyJob`, {many[0].Hits:N0} hits | ")
            + string.Join(" | ", many.Select(m => m.JobSeconds is { } j ? string.Create(inv, $"{j:F2} s, **{m.Hits / j:N0} hits per second**") : $"**fails**: {m.JobError}")) + " |");
        r.AppendLine();
        foreach (var m in many.Where(m => m.LoadSeconds is not null))
        {
            r.AppendLine(inv, $"With {m.Licenses:N0} licenses on the work, the load takes {m.LoadSeconds:F2} s against {m.ReadSeconds + m.ParseSeconds:F2} s for only the first two steps of the earlier one");
            r.AppendLine("(SQLite refuses a statement with more variables than `SQLITE_MAX_VARIABLE_NUMBER`, 32,766 by default, which is where the earlier load failed).");
            r.AppendLine("`ChannelRules.Decide` now walks only the licenses that declare a channel. Not measured here: a work whose licenses *all* declare channels,");
            r.AppendLine("where the walk is over every one of them for each hit.");
            r.AppendLine();
        }
        if (many.Any(m => m.LoadSeconds is null))
        {
            r.AppendLine("**The load failed**: the job and `LicensedChannelDirectory.DecideAsync`, which monitoring and screening call per match, fail with it.");
        }
        return r.ToString();
    }
}
