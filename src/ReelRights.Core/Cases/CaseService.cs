using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Cases;

/// <summary>
/// Opens cases and answers who sees them. A case is visible to its parties only (claimant,
/// platform, mediator) and to the operator; anyone else gets 404, as for an id that does not
/// exist. The moves themselves are in <see cref="CaseMoves"/>.
/// </summary>
public sealed class CaseService(ReelRightsDbContext db, CaseMoves moves, TimeProvider time)
{
    public const int MaxLocations = 10_000;

    /// <summary>
    /// Opens cases from monitoring hits of the actor's organization: one case per work, each
    /// listing every hit as a location (a rights holder with 500 hits on one platform sends one
    /// notice, not 500).
    /// </summary>
    public async Task<IReadOnlyList<EnforcementCase>> OpenFromHitsAsync(Actor actor, IReadOnlyCollection<Guid> hitIds, PlatformParty platform,
        RespondentParty? respondent, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesWrite);
        if (hitIds.Count is 0 or > MaxLocations)
        {
            throw ReelRightsException.Invalid("invalid-hits", $"请选择 1 到 {MaxLocations} 条侵权线索。", $"Choose 1 to {MaxLocations} hits.");
        }
        var distinct = hitIds.Distinct().ToList();
        var hits = await db.MonitoringHits.AsNoTracking()
            .Where(h => distinct.Contains(h.Id) && h.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        if (hits.Count != distinct.Count)
        {
            throw ReelRightsException.NotFound("侵权线索");
        }
        var bundles = await db.EvidenceBundles.AsNoTracking().Where(b => distinct.Contains(b.HitId) && b.State == Evidence.EvidenceState.Sealed)
            .Select(b => new { b.Id, b.HitId, b.CreatedAt }).ToListAsync(cancellationToken);
        var resolved = await ResolvePlatformAsync(platform, cancellationToken);
        var opened = new List<EnforcementCase>();
        foreach (var work in hits.GroupBy(h => h.WorkId))
        {
            var locations = work.Select(h => new CaseLocation
            {
                Id = Guid.CreateVersion7(),
                Url = h.PageUrl ?? h.Source,
                HitId = h.Id,
                EpisodeId = h.EpisodeId,
                Segments = h.Segments,
                CopiedSeconds = CopiedSecondsOf(h.Segments),
                EvidenceBundleId = bundles.Where(b => b.HitId == h.Id).OrderByDescending(b => b.CreatedAt).Select(b => (Guid?)b.Id).FirstOrDefault(),
            }).ToList();
            opened.Add(await OpenAsync(actor, CaseKind.Notice, work.Key, resolved, respondent, locations, cancellationToken));
        }
        return opened;
    }

    /// <summary>What opening cases from these hits of the actor's organization would make: one case per work, with its hits and copied seconds.</summary>
    public async Task<IReadOnlyList<HitGroup>> HitGroupsAsync(Actor actor, IReadOnlyCollection<Guid> hitIds, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesWrite);
        var distinct = hitIds.Distinct().Take(MaxLocations + 1).ToList();
        var hits = await db.MonitoringHits.AsNoTracking().Where(h => distinct.Contains(h.Id) && h.OrganizationId == actor.OrganizationId)
            .Select(h => new { h.WorkId, h.Segments, Url = h.PageUrl ?? h.Source }).ToListAsync(cancellationToken);
        var workIds = hits.Select(h => h.WorkId).Distinct().ToList();
        var titles = await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Title, cancellationToken);
        return hits.GroupBy(h => h.WorkId)
            .Select(g => new HitGroup(g.Key, titles.GetValueOrDefault(g.Key, ""), g.Count(), g.Sum(h => CopiedSecondsOf(h.Segments)),
                g.Select(h => Uri.TryCreate(h.Url, UriKind.Absolute, out var u) ? u.Host : h.Url).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList()))
            .OrderBy(g => g.Title, StringComparer.Ordinal).ToList();
    }

    /// <summary>The platforms with an account here, for a claimant to address a notice to.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PlatformsAsync(CancellationToken cancellationToken) =>
        (await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Platform).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(cancellationToken)).Select(o => (o.Id, o.Name)).ToList();

    /// <summary>The name of a platform organization, for its public complaint entry (null for anything that is not a platform).</summary>
    public async Task<string?> PlatformNameAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId && o.Kind == OrganizationKind.Platform).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Opens a case by hand: a registered work, the infringing places, the platform.</summary>
    public async Task<EnforcementCase> OpenManualAsync(Actor actor, Guid workId, PlatformParty platform, RespondentParty? respondent,
        IReadOnlyList<ManualLocation> places, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesWrite);
        if (!await db.Works.AnyAsync(w => w.Id == workId && w.OrganizationId == actor.OrganizationId, cancellationToken))
        {
            throw ReelRightsException.NotFound("作品");
        }
        if (places.Count is 0 or > MaxLocations)
        {
            throw ReelRightsException.Invalid("invalid-locations", $"请列出 1 到 {MaxLocations} 个侵权地址。", $"List 1 to {MaxLocations} infringing locations.");
        }
        var locations = places.Select(p => new CaseLocation
        {
            Id = Guid.CreateVersion7(),
            Url = RequireUrl(p.Url),
            PlatformItemId = Validation.OptionalText(p.PlatformItemId, 200, "platformItemId"),
        }).ToList();
        return await OpenAsync(actor, CaseKind.Notice, workId, await ResolvePlatformAsync(platform, cancellationToken), respondent, locations, cancellationToken);
    }

    /// <summary>
    /// A platform opens a screening dispute on behalf of its uploader: the claimant (the work's
    /// owner) has 30 days to release or uphold the claim, or it is released.
    /// </summary>
    public async Task<EnforcementCase> OpenDisputeAsync(Actor platformActor, Guid workId, string url, RespondentParty uploader, string? reason,
        CancellationToken cancellationToken)
    {
        platformActor.Require(Permissions.CasesWrite);
        if (platformActor.OrganizationKind != OrganizationKind.Platform)
        {
            throw ReelRightsException.Forbidden("只有平台可以代上传者提出申诉。", "Only a platform can open a dispute for its uploader.");
        }
        var work = await db.Works.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workId, cancellationToken) ?? throw ReelRightsException.NotFound("作品");
        var platform = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == platformActor.OrganizationId, cancellationToken);
        var c = NewCase(CaseKind.ScreeningDispute, work.OrganizationId, workId, work.Title, new ResolvedPlatform(platform.Id, platform.Name, null), uploader);
        var location = new CaseLocation { Id = Guid.CreateVersion7(), CaseId = c.Id, Url = RequireUrl(url) };
        return await moves.OpenAsync(c, [location], platformActor, CaseRole.Platform, Validation.OptionalText(reason, 4000, "reason"), cancellationToken);
    }

    private async Task<EnforcementCase> OpenAsync(Actor actor, CaseKind kind, Guid workId, ResolvedPlatform platform, RespondentParty? respondent,
        List<CaseLocation> locations, CancellationToken cancellationToken)
    {
        var title = await db.Works.Where(w => w.Id == workId).Select(w => w.Title).SingleAsync(cancellationToken);
        var c = NewCase(kind, actor.OrganizationId, workId, title, platform, respondent);
        foreach (var l in locations)
        {
            l.CaseId = c.Id;
        }
        return await moves.OpenAsync(c, locations, actor, CaseRole.Claimant, null, cancellationToken);
    }

    private EnforcementCase NewCase(CaseKind kind, Guid claimant, Guid workId, string title, ResolvedPlatform platform, RespondentParty? respondent)
    {
        var now = CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
        return new EnforcementCase
        {
            Id = Guid.CreateVersion7(),
            Number = NewNumber(now),
            Kind = kind,
            Title = title,
            ClaimantOrganizationId = claimant,
            WorkId = workId,
            PlatformOrganizationId = platform.OrganizationId,
            PlatformName = platform.Name,
            PlatformEmail = platform.Email,
            RespondentName = Validation.OptionalText(respondent?.Name, 200, "respondent.name"),
            RespondentContact = Validation.OptionalText(respondent?.Contact, 400, "respondent.contact"),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Cases the actor is a party to (the operator: all), newest first.</summary>
    public async Task<IReadOnlyList<EnforcementCase>> ListAsync(Actor actor, CaseState? state, int? dueWithinDays, int limit, CancellationToken cancellationToken,
        string? platform = null)
    {
        actor.Require(Permissions.CasesRead);
        var query = Visible(actor);
        if (Validation.OptionalText(platform, 200, "platform") is { } name)
        {
            query = query.Where(c => c.PlatformName.Contains(name));
        }
        if (state is { } s)
        {
            query = query.Where(c => c.State == s);
        }
        if (dueWithinDays is { } days)
        {
            var until = time.GetUtcNow().UtcDateTime.AddDays(Math.Clamp(days, 0, 3650));
            var due = db.CaseDeadlines.Where(d => d.State == DeadlineState.Running && d.DueAt <= until).Select(d => d.CaseId);
            query = query.Where(c => due.Contains(c.Id));
        }
        return await query.OrderByDescending(c => c.CreatedAt).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
    }

    /// <summary>When each of the actor's visible cases among <paramref name="caseIds"/> had its notice sent, in one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, DateTime>> NoticeSentAtAsync(Actor actor, IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesRead);
        var visible = Visible(actor).Where(c => caseIds.Contains(c.Id)).Select(c => c.Id);
        var sent = await db.CaseEvents.AsNoTracking().Where(e => visible.Contains(e.CaseId) && e.Action == CaseAction.SendNotice)
            .Select(e => new { e.CaseId, e.At }).ToListAsync(cancellationToken);
        return sent.GroupBy(e => e.CaseId).ToDictionary(g => g.Key, g => g.Min(e => e.At));
    }

    /// <summary>A case with its places, timeline and clocks, and what the actor may do next.</summary>
    public async Task<CaseDetail> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesRead);
        var c = await Visible(actor).SingleOrDefaultAsync(x => x.Id == id, cancellationToken) ?? throw ReelRightsException.NotFound("案件");
        return await DetailAsync(c, CaseMoves.RolesOf(actor, c), cancellationToken);
    }

    /// <summary>What the respondent sees through its one-time link.</summary>
    public async Task<CaseDetail> GetForRespondentAsync(string token, CancellationToken cancellationToken)
    {
        var c = await moves.FindByRespondentTokenAsync(token, cancellationToken);
        return await DetailAsync(c, new HashSet<CaseRole> { CaseRole.Respondent }, cancellationToken);
    }

    /// <summary>A platform sets the reasonable period it applies after forwarding a counter-notice.</summary>
    public async Task<PlatformCasePolicy> SetPlatformPolicyAsync(Actor actor, bool eCommerce, ClockRule? period, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesWrite);
        if (actor.OrganizationKind != OrganizationKind.Platform)
        {
            throw ReelRightsException.Forbidden("只有平台可以设置合理期限。", "Only a platform sets its reasonable period.");
        }
        var rule = period ?? PlatformCasePolicy.DefaultFor(eCommerce);
        if (rule.Amount is < 1 or > 90 || rule.Unit == ClockUnit.ElapsedDays)
        {
            throw ReelRightsException.Invalid("invalid-period", "合理期限应为 1 到 90 日或工作日。", "The reasonable period must be 1 to 90 days or working days.");
        }
        var policy = await db.PlatformCasePolicies.SingleOrDefaultAsync(p => p.OrganizationId == actor.OrganizationId, cancellationToken);
        if (policy is null)
        {
            policy = new PlatformCasePolicy { OrganizationId = actor.OrganizationId };
            db.PlatformCasePolicies.Add(policy);
        }
        policy.ECommerce = eCommerce;
        policy.ComplaintPeriodAmount = rule.Amount;
        policy.ComplaintPeriodUnit = rule.Unit;
        policy.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return policy;
    }

    private async Task<CaseDetail> DetailAsync(EnforcementCase c, IReadOnlySet<CaseRole> roles, CancellationToken cancellationToken)
    {
        var locations = await db.CaseLocations.AsNoTracking().Where(l => l.CaseId == c.Id).OrderBy(l => l.Url).ToListAsync(cancellationToken);
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var deadlines = await db.CaseDeadlines.AsNoTracking().Where(d => d.CaseId == c.Id).OrderBy(d => d.StartedAt).ToListAsync(cancellationToken);
        var actions = CaseWorkflow.Available(c.Kind, c.State, roles).Where(t => !t.By.Contains(CaseRole.Clock)).Select(t => t.Action).Distinct().ToList();
        return new CaseDetail(c, locations, events, deadlines, roles, actions);
    }

    private IQueryable<EnforcementCase> Visible(Actor actor)
    {
        var org = actor.OrganizationId;
        var cases = db.Cases.AsNoTracking();
        return actor.OrganizationKind == OrganizationKind.Operator
            ? cases
            : cases.Where(c => c.ClaimantOrganizationId == org || c.PlatformOrganizationId == org || c.MediatorOrganizationId == org);
    }

    private async Task<ResolvedPlatform> ResolvePlatformAsync(PlatformParty party, CancellationToken cancellationToken)
    {
        if (party.OrganizationId is { } id)
        {
            var org = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (org is null || org.Kind != OrganizationKind.Platform)
            {
                throw ReelRightsException.Invalid("unknown-platform", "所选平台不存在或不是平台类组织。", "The chosen platform does not exist or is not a platform organization.");
            }
            return new ResolvedPlatform(org.Id, org.Name, null);
        }
        var name = Validation.OptionalText(party.Name, 200, "platform.name");
        var email = Validation.OptionalText(party.Email, 254, "platform.email");
        if (name is null || email is null || !email.Contains('@', StringComparison.Ordinal))
        {
            throw ReelRightsException.Invalid("platform-required",
                "请选择平台组织，或填写未注册平台的名称和投诉邮箱。", "Choose a platform organization, or give an unregistered platform's name and complaint e-mail.");
        }
        return new ResolvedPlatform(null, name, email);
    }

    private static string RequireUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && url!.Length <= 2000
            ? url
            : throw ReelRightsException.Invalid("invalid-url", $"侵权地址不是有效的 http(s) 网址：{url}", $"Not a valid http(s) location: {url}");

    private static double CopiedSecondsOf(string segmentsJson)
    {
        var segments = HitSegments.Parse(segmentsJson);
        return CopiedTime.Of(segments).Seconds;
    }

    private static string NewNumber(DateTime now) => ReadableCodes.New("WQ", now);

    private sealed record ResolvedPlatform(Guid? OrganizationId, string Name, string? Email);
}

/// <summary>The platform a notice goes to: an organization here, or an unregistered one by name and e-mail.</summary>
public sealed record PlatformParty(Guid? OrganizationId = null, string? Name = null, string? Email = null);

/// <summary>The case opening from hits would make for one work: how many hits, the seconds they copy, the sites they are on.</summary>
public sealed record HitGroup(Guid WorkId, string Title, int Hits, double CopiedSeconds, IReadOnlyList<string> Hosts);

/// <summary>The uploader, as far as the claimant knows it.</summary>
public sealed record RespondentParty(string? Name = null, string? Contact = null);

/// <summary>An infringing place given by hand.</summary>
public sealed record ManualLocation(string Url, string? PlatformItemId = null);

/// <summary>A case as one party sees it.</summary>
public sealed record CaseDetail(
    EnforcementCase Case,
    IReadOnlyList<CaseLocation> Locations,
    IReadOnlyList<CaseEvent> Events,
    IReadOnlyList<CaseDeadline> Deadlines,
    IReadOnlySet<CaseRole> Roles,
    IReadOnlyList<CaseAction> Actions);
