using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Licensing;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Finance;

/// <summary>
/// Records the valuation tests compute from, written straight to the database so every figure is
/// known in advance: a work with a sealed registration, licenses in force, confirmed statements and
/// monitoring hits. (The flows that make these records have their own tests.)
/// </summary>
internal static class FinanceSteps
{
    /// <summary>A work of <paramref name="owner"/> with <paramref name="episodes"/> ready episodes of <paramref name="seconds"/> each in one sealed registration.</summary>
    public static async Task<Work> RegisteredWorkAsync(CoreEnvironment env, Actor owner, string title, int episodes, double seconds = 120)
    {
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest(title, WorkType.MicroDrama), CancellationToken.None);
        await using var scope = env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var now = env.Time.GetUtcNow().UtcDateTime;
        var list = Enumerable.Range(1, episodes).Select(n => new Episode
        {
            Id = Guid.CreateVersion7(), WorkId = work.Id, OrganizationId = owner.OrganizationId, Number = n, Code = $"{work.Code}-E{n}", Title = $"第{n}集",
            Source = EpisodeSource.Media, DurationSeconds = seconds, State = EpisodeState.Ready, CreatedAt = now,
        }).ToList();
        db.Episodes.AddRange(list);
        db.Registrations.Add(new Registration
        {
            Id = Guid.CreateVersion7(), WorkId = work.Id, OrganizationId = owner.OrganizationId, State = RegistrationState.Sealed,
            EpisodeIds = System.Text.Json.JsonSerializer.Serialize(list.Select(e => e.Id)), CertificateNumber = $"RRC-{work.Code}", LeafIndex = 7,
            CreatedAt = now, SealedAt = now,
        });
        await db.SaveChangesAsync();
        return work;
    }

    /// <summary>A license of the work in force from <paramref name="start"/> for a year.</summary>
    public static async Task<License> LicenseAsync(CoreEnvironment env, Work work, Actor licensee, LicensePrice price, DateOnly start, string territory = "TH",
        Exclusivity exclusivity = Exclusivity.NonExclusive, LicenseState state = LicenseState.Active)
    {
        var terms = new LicenseTerms
        {
            Rights = LicenseRight.Streaming, Territories = [territory], Start = start, End = start.AddYears(1).AddDays(-1), Exclusivity = exclusivity, Price = price,
        }.Validate();
        var license = new License
        {
            Id = Guid.CreateVersion7(), Code = ReadableCodes.New("LIC", env.Time.GetUtcNow().UtcDateTime), WorkId = work.Id, LicensorOrganizationId = work.OrganizationId,
            LicenseeOrganizationId = licensee.OrganizationId, TermsJson = terms.ToJson(), RightsMask = (int)terms.Rights, Exclusivity = exclusivity,
            Start = terms.Start, End = terms.End, State = state, CreatedAt = env.Time.GetUtcNow().UtcDateTime, GrantedAt = env.Time.GetUtcNow().UtcDateTime,
        };
        await using var scope = env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        db.Licenses.Add(license);
        await db.SaveChangesAsync();
        return license;
    }

    /// <summary>A statement of the license for the month; confirmed by both sides unless told otherwise.</summary>
    public static async Task StatementAsync(CoreEnvironment env, License license, string period, decimal revenue, decimal share, long owedMinor, long views,
        string currency = "CNY", bool confirmed = true)
    {
        var now = env.Time.GetUtcNow().UtcDateTime;
        await using var scope = env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        db.RoyaltyStatements.Add(new RoyaltyStatement
        {
            Id = Guid.CreateVersion7(), Number = $"RS-{license.Code}-{period}", LicenseId = license.Id, Period = period, Currency = currency, Views = views,
            Revenue = revenue, Share = share, OwedMinor = owedMinor, ContentSha256 = new string('a', 64), CreatedAt = now, UpdatedAt = now,
            LicensorConfirmedAt = confirmed ? now : null, LicenseeConfirmedAt = confirmed ? now : null, LedgerIndex = confirmed ? 11 : null,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A hit of one of the work's episodes at a page, first seen at a time, copied for the given query seconds.</summary>
    public static async Task HitAsync(CoreEnvironment env, Work work, string page, DateTime firstSeen, double copiedSeconds, long? views,
        MatchClass matchClass = MatchClass.Suspected, string? dismissed = null, Guid? organizationId = null, int episodeNumber = 1)
    {
        await using var scope = env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        var episode = db.Episodes.First(e => e.WorkId == work.Id && e.Number == episodeNumber);
        var org = organizationId ?? work.OrganizationId;
        var task = new MonitoringTask { Id = Guid.CreateVersion7(), OrganizationId = org, Name = "巡查", CreatedAt = firstSeen };
        db.MonitoringTasks.Add(task);
        db.MonitoringHits.Add(new MonitoringHit
        {
            Id = Guid.CreateVersion7(), OrganizationId = org, TaskId = task.Id, EpisodeId = episode.Id, WorkId = work.Id, Source = page + "/video.mp4", PageUrl = page,
            MediaSha256 = new string('c', 64), Score = 0.9, Modality = "video+audio", Class = matchClass, DismissedReason = dismissed,
            Segments = $"[{{\"queryStart\":0,\"queryEnd\":{copiedSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"referenceStart\":0,\"referenceEnd\":{copiedSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}]",
            ObservedViews = views, ViewsObservedAt = views is null ? null : firstSeen, FirstSeenAt = firstSeen, LastSeenAt = firstSeen, TimesSeen = 1,
        });
        await db.SaveChangesAsync();
    }
}
