using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Cases;
using ReelRights.Core.Data;
using ReelRights.Core.Licensing;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Finance;

/// <summary>
/// Gathers a work's valuation signals from the records the platform already holds: registrations,
/// documents, licenses and confirmed statements, the owner's own monitoring hits and cases. Only the
/// owner's data is read; comparable works for the market approach are read by <see cref="MarketComparables"/>.
/// </summary>
public sealed class SignalCollector(ReelRightsDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How many weeks of piracy the weekly trend covers, ending with the current week.</summary>
    public const int TrendWeeks = 26;

    /// <summary>The signals of <paramref name="work"/> with amounts in <paramref name="currency"/>.</summary>
    public async Task<ValuationSignals> CollectAsync(Work work, string currency, CancellationToken cancellationToken)
    {
        var owner = await db.Organizations.AsNoTracking().Where(o => o.Id == work.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var profile = await db.ValuationProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.WorkId == work.Id, cancellationToken);
        var registrations = await db.Registrations.AsNoTracking().Where(r => r.WorkId == work.Id && r.State == RegistrationState.Sealed)
            .OrderBy(r => r.SealedAt).ToListAsync(cancellationToken);
        var episodes = await RegisteredEpisodes.OfAsync(db, registrations, cancellationToken);
        var today = LicensingClock.Today(time);
        var (licenses, territories, royalties) = await LicensingAsync(work.Id, currency, today, cancellationToken);
        return new ValuationSignals(
            new WorkSummary(work.Code, work.Title, work.Type.ToString(), owner),
            new EpisodeSignal(episodes.Count, Math.Round(episodes.Sum(e => e.DurationSeconds ?? 0) / 60, 1), registrations.Select(Certificate).ToList()),
            await ChainOfTitleAsync(work, registrations, cancellationToken),
            AigcOf(work, episodes),
            licenses,
            territories,
            royalties,
            await PiracyAsync(work, cancellationToken),
            await DisputesAsync(work, cancellationToken),
            Age(profile, registrations, today),
            Declared(profile, (await WorkGenres.LoadAsync(db, [work.Id], cancellationToken)).GetValueOrDefault(work.Id)));
    }

    private static SourceRecord Certificate(Registration r) => new("registration", r.CertificateNumber ?? r.Id.ToString(), r.LeafIndex);

    private async Task<ChainOfTitleSignal> ChainOfTitleAsync(Work work, List<Registration> registrations, CancellationToken cancellationToken)
    {
        var rights = await db.WorkRights.AsNoTracking().Where(r => r.WorkId == work.Id).ToListAsync(cancellationToken);
        var documents = await db.WorkDocuments.AsNoTracking().Where(d => d.WorkId == work.Id).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        var video = work.Type is WorkType.MicroDrama or WorkType.ShortVideo;
        var performed = video || work.Type is WorkType.Audiobook or WorkType.Voice;
        SourceRecord Doc(WorkDocument d) => new("document", $"{d.Kind} {d.FileName} sha256:{d.Sha256[..16]}");
        ChainItem Document(string code, string zh, string en, bool applicable, DocumentKind kind)
        {
            var found = documents.Where(d => d.Kind == kind).Select(Doc).ToList();
            return new ChainItem(code, zh, en, applicable, applicable && found.Count > 0, found);
        }
        var lastSealed = registrations.LastOrDefault()?.SealedAt;
        var unsealed = documents.Where(d => lastSealed is null || d.CreatedAt > lastSealed).ToList();
        var items = new List<ChainItem>
        {
            new("registered", "作品已登记并上链存证", "The work is registered and sealed", true, registrations.Count > 0, registrations.Select(Certificate).ToList()),
            new("rights-declared", "已声明所持权利", "The rights held are declared", true, rights.Count > 0,
                rights.Select(r => new SourceRecord("right", $"{r.Right} {r.Holder} {r.Territory}".Trim())).ToList()),
            Document("production-agreement", "制作协议", "Production agreement", true, DocumentKind.ProductionAgreement),
            Document("screenplay", "剧本", "Screenplay", video, DocumentKind.Screenplay),
            Document("performer-release", "演员授权", "Performer releases", performed, DocumentKind.PerformerRelease),
            Document("music-license", "音乐授权", "Music license", video, DocumentKind.MusicLicense),
            Document("adaptation-license", "改编授权（声明了改编权时）", "Adaptation license (when an adaptation right is declared)",
                rights.Any(r => r.Right == RightKind.Adaptation), DocumentKind.AdaptationLicense),
            new("documents-sealed", "全部文件均在已存证的登记记录中", "Every document is in a sealed registration record", documents.Count > 0,
                documents.Count > 0 && unsealed.Count == 0, documents.Except(unsealed).Select(Doc).ToList()),
        };
        return new ChainOfTitleSignal(items.Count(i => i.Applicable && i.Satisfied), items.Count(i => i.Applicable), items);
    }

    private static AigcSignal AigcOf(Work work, List<Episode> episodes)
    {
        var declaration = JsonSerializer.Deserialize<AigcDeclaration>(work.AigcDeclaration, Json) ?? AigcDeclaration.None;
        // The same reading of the implicit label as registration's contradiction check: 1, 2 and 3 all say AI took part.
        var labelled = episodes.Count(e => AigcFindings.Parse(e.AigcFindings)?.Labels.Any(l => l.Label is "1" or "2" or "3") == true);
        return new AigcSignal(declaration.UsesAi, declaration.Tools ?? [], labelled, episodes.Count);
    }

    private async Task<(List<LicenseSignal>, List<TerritoryCoverage>, RoyaltyHistory)> LicensingAsync(Guid workId, string currency, DateOnly today,
        CancellationToken cancellationToken)
    {
        var licenses = await db.Licenses.AsNoTracking().Where(l => l.WorkId == workId && l.State != LicenseState.Pending && l.State != LicenseState.Cancelled)
            .OrderBy(l => l.Start).ThenBy(l => l.Code).ToListAsync(cancellationToken);
        var licenseIds = licenses.Select(l => l.Id).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => licenses.Select(l => l.LicenseeOrganizationId).Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var statements = await db.RoyaltyStatements.AsNoTracking().Where(s => licenseIds.Contains(s.LicenseId)).ToListAsync(cancellationToken);
        var grants = await db.LicenseEvents.AsNoTracking().Where(e => licenseIds.Contains(e.LicenseId) && e.Kind == LicenseEventKind.Granted)
            .ToDictionaryAsync(e => e.LicenseId, e => e.LedgerIndex, cancellationToken);
        var confirmed = statements.Where(s => s.Confirmed).ToLookup(s => s.LicenseId);
        var signals = new List<LicenseSignal>();
        var coverage = new Dictionary<string, (int Count, bool Exclusive)>(StringComparer.Ordinal);
        foreach (var license in licenses)
        {
            var terms = LicenseTerms.FromJson(license.TermsJson);
            var own = confirmed[license.Id].ToList();
            var fixedMinor = terms.Price.FlatFeeMinor ?? terms.Price.MinimumGuaranteeMinor ?? 0;
            var rights = LicenseText.Rights(terms.Rights);
            var codes = terms.TerritoryCodes().Order(StringComparer.Ordinal).ToList();
            signals.Add(new LicenseSignal(license.Code, names.GetValueOrDefault(license.LicenseeOrganizationId, ""), $"{rights.Zh} / {rights.En}", codes,
                license.Start, license.End, license.Exclusivity.ToString(), license.State.ToString(), terms.Price.Currency, fixedMinor,
                own.Sum(s => Minor(s.Revenue)), own.Sum(s => s.OwedMinor), own.Count, terms.Price.Currency == currency, grants.GetValueOrDefault(license.Id)));
            if (license.State == LicenseState.Active && license.Start <= today && today <= license.End)
            {
                foreach (var code in codes)
                {
                    var (count, exclusive) = coverage.GetValueOrDefault(code);
                    coverage[code] = (count + 1, exclusive || license.Exclusivity == Exclusivity.Exclusive);
                }
            }
        }
        var inCurrency = statements.Where(s => s.Confirmed && s.Currency == currency).ToList();
        var periods = inCurrency.GroupBy(s => s.Period).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new RoyaltyPeriod(g.Key,
            g.Sum(s => Minor(s.Revenue)), g.Sum(s => Minor(s.Share)), g.Sum(s => s.OwedMinor), g.Sum(s => s.Views),
            g.OrderBy(s => s.Number, StringComparer.Ordinal).Select(s => new SourceRecord("statement", s.Number, s.LedgerIndex)).ToList())).ToList();
        var history = new RoyaltyHistory(periods, statements.Count(s => !s.Confirmed), statements.Count(s => s.Confirmed && s.Currency != currency));
        return (signals, coverage.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new TerritoryCoverage(c.Key, c.Value.Count, c.Value.Exclusive)).ToList(), history);
    }

    private async Task<PiracySignal> PiracyAsync(Work work, CancellationToken cancellationToken)
    {
        // The owner's own monitoring only: a platform's screening hits are the platform's data.
        var hits = await db.MonitoringHits.AsNoTracking()
            .Where(h => h.WorkId == work.Id && h.OrganizationId == work.OrganizationId && h.DismissedReason == null
                && (h.Class == MatchClass.Suspected || h.Class == MatchClass.LicenseExpired))
            .Select(h => new { h.PageUrl, h.Source, h.Segments, h.ObservedViews, h.FirstSeenAt }).ToListAsync(cancellationToken);
        var copies = hits.GroupBy(h => h.PageUrl ?? h.Source).Select(g => new
        {
            Platform = PlatformOf(g.Key),
            Seconds = g.Sum(h => CopiedTime.Of(HitSegments.Parse(h.Segments)).Seconds),
            Views = g.Max(h => h.ObservedViews),
            FirstSeen = g.Min(h => h.FirstSeenAt),
        }).ToList();
        var byPlatform = copies.GroupBy(c => c.Platform).Select(g => new PlatformPiracy(g.Key, g.Count(), Math.Round(g.Sum(c => c.Seconds) / 60, 1),
            g.Sum(c => c.Views ?? 0))).OrderByDescending(p => p.Copies).ThenBy(p => p.Platform, StringComparer.Ordinal).ToList();
        var thisWeek = WeekStart(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime + LicensingClock.China));
        var byWeek = copies.ToLookup(c => WeekStart(DateOnly.FromDateTime(c.FirstSeen + LicensingClock.China)));
        var weeks = Enumerable.Range(0, TrendWeeks).Select(i => thisWeek.AddDays(-7 * (TrendWeeks - 1 - i))).Select(start => new PiracyWeek(WeekName(start),
            byWeek[start].GroupBy(c => c.Platform).Select(g => new PlatformCount(g.Key, g.Count())).OrderBy(p => p.Platform, StringComparer.Ordinal).ToList())).ToList();
        return new PiracySignal(copies.Count, byPlatform.Count, Math.Round(copies.Sum(c => c.Seconds) / 60, 1), copies.Sum(c => c.Views ?? 0),
            copies.Count(c => c.Views is not null), byPlatform, weeks);
    }

    private async Task<DisputeSignal> DisputesAsync(Work work, CancellationToken cancellationToken)
    {
        var cases = await db.Cases.AsNoTracking().Where(c => c.WorkId == work.Id && c.ClaimantOrganizationId == work.OrganizationId)
            .OrderBy(c => c.CreatedAt).Select(c => new { c.Number, c.Closure, c.State }).ToListAsync(cancellationToken);
        return new DisputeSignal(cases.Count, cases.Count(c => c.Closure is null && c.State != CaseState.Closed), cases.Count(c => c.Closure == CaseClosure.Settled),
            cases.Count(c => c.Closure == CaseClosure.Withdrawn), cases.Count(c => c.Closure is CaseClosure.MediationFailed or CaseClosure.ReferredToCourt),
            cases.Select(c => new SourceRecord("case", $"{c.Number} {c.Closure?.ToString() ?? c.State.ToString()}")).ToList());
    }

    private static AgeSignal Age(ValuationProfile? profile, List<Registration> registrations, DateOnly today)
    {
        if (profile?.FirstPublishedOn is { } declared)
        {
            return new AgeSignal(declared, "declared", today.DayNumber - declared.DayNumber);
        }
        if (registrations.FirstOrDefault()?.SealedAt is { } sealedAt)
        {
            var since = DateOnly.FromDateTime(sealedAt + LicensingClock.China);
            return new AgeSignal(since, "first-registration", today.DayNumber - since.DayNumber);
        }
        return new AgeSignal(null, "none", null);
    }

    private static DeclaredInputs Declared(ValuationProfile? profile, SortedSet<string>? genres) =>
        new(genres?.ToList() ?? [], profile?.ProductionCostMinor, profile?.ProductionCostCurrency, profile?.FirstPublishedOn);

    /// <summary>The host a copy was found on, without "www."; "local" for a file or upload.</summary>
    public static string PlatformOf(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant()
            : "local";

    private static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string WeekName(DateOnly monday)
    {
        var date = monday.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(date).ToString(CultureInfo.InvariantCulture)}-W{ISOWeek.GetWeekOfYear(date).ToString("00", CultureInfo.InvariantCulture)}";
    }

    internal static long Minor(decimal amount) => decimal.ToInt64(decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero));
}
