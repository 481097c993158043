using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Licensing;

/// <summary>
/// Amendments and renewals of a license: one side proposes the full terms as they would stand, the
/// other accepts (or declines; the proposer may withdraw). Accepting runs the exclusivity check
/// against every other grant of the work under the work's licensing lock, applies the terms, records
/// a sealed "amended" or "renewed" step and re-classifies the work's hits. The work and the two
/// sides never change; once a royalty statement has been drawn, neither do the start and the price
/// (statements already drawn were computed from them), and usage already reported stays in the term.
/// </summary>
public sealed class LicenseAmendments(ReelRightsDbContext db, DealService deals, LicenseSealer sealer, JobQueue jobs, NotificationService notifications, TimeProvider time)
{
    public async Task<LicenseAmendment> ProposeAsync(Actor actor, string code, AmendmentKind kind, LicenseTerms proposed, string? note, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, cancellationToken);
        if (license.State != LicenseState.Active)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "license-not-active", "只有已生效（含已到期）的许可可以修订或续期。", "Only a license that was granted (in force or expired) can be amended or renewed.");
        }
        if (await db.LicenseAmendments.AnyAsync(a => a.LicenseId == license.Id && a.State == AmendmentState.Open, cancellationToken))
        {
            throw OneOpen();
        }
        var current = LicenseTerms.FromJson(license.TermsJson);
        var terms = proposed.Validate();
        await CheckAsync(license, kind, current, terms, cancellationToken);
        if (terms.ToJson() == current.ToJson())
        {
            throw ReelRightsException.Invalid("no-change", "新条款与现行条款相同。", "The proposed terms are the same as the current ones.");
        }
        var now = Now();
        var amendment = new LicenseAmendment
        {
            Id = Guid.CreateVersion7(),
            LicenseId = license.Id,
            Kind = kind,
            ProposedByOrganizationId = actor.OrganizationId,
            ProposedByUserId = actor.UserId,
            TermsJson = terms.ToJson(),
            Note = Validation.OptionalText(note, 4000, "note"),
            State = AmendmentState.Open,
            CreatedAt = now,
        };
        db.LicenseAmendments.Add(amendment);
        var (zh, en) = Words(kind);
        Notify(license, actor, new($"许可{zh}待确认", $"License {en} to answer"),
            new($"许可 {license.Code}：对方提出{zh}，请阅读后接受或拒绝。", $"License {license.Code}: the other side proposes a {en}; read it and accept or decline."));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The other side opened one at the same moment: the partial unique index keeps one open change per license.
            db.ChangeTracker.Clear();
            throw OneOpen();
        }
        return amendment;
    }

    /// <summary>The other side accepts the open change it names; refused when the new terms conflict with another grant.</summary>
    public async Task<License> AcceptAsync(Actor actor, string code, Guid amendmentId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var license = await SideAsync(actor, code, cancellationToken);
            var amendment = await OpenAsync(license, amendmentId, cancellationToken);
            if (amendment.ProposedByOrganizationId == actor.OrganizationId)
            {
                throw new ReelRightsException(ErrorKind.Conflict, "own-offer", "不能接受己方提出的修订，请等待对方答复。", "You cannot accept your own proposal; wait for the other side.");
            }
            if (license.State != LicenseState.Active)
            {
                throw new ReelRightsException(ErrorKind.Conflict, "license-not-active", "许可已终止，修订不再适用。", "The license has been terminated; the change no longer applies.");
            }
            var terms = LicenseTerms.FromJson(amendment.TermsJson);
            await CheckAsync(license, amendment.Kind, LicenseTerms.FromJson(license.TermsJson), terms, cancellationToken);
            await DealService.TakeLockAsync(db, license.WorkId, cancellationToken);
            if (await deals.ConflictAsync(license.WorkId, terms, cancellationToken, except: license.Id) is { } conflict)
            {
                db.ChangeTracker.Clear();
                throw DealService.Conflict(conflict.License, conflict.Overlap);
            }
            var now = Now();
            license.TermsJson = amendment.TermsJson;
            license.RightsMask = (int)terms.Rights;
            license.Exclusivity = terms.Exclusivity;
            license.Start = terms.Start;
            license.End = terms.End;
            license.Version++;
            amendment.State = AmendmentState.Accepted;
            amendment.DecidedAt = now;
            amendment.DecidedByUserId = actor.UserId;
            amendment.Version++;
            db.LicenseEvents.Add(new LicenseEvent
            {
                Id = Guid.CreateVersion7(),
                LicenseId = license.Id,
                Sequence = await db.LicenseEvents.CountAsync(e => e.LicenseId == license.Id, cancellationToken) + 1,
                Kind = amendment.Kind == AmendmentKind.Renew ? LicenseEventKind.Renewed : LicenseEventKind.Amended,
                ActorOrganizationId = actor.OrganizationId,
                ActorUserId = actor.UserId,
                Note = amendment.Note,
                TermsJson = amendment.TermsJson,
                At = now,
            });
            var (zh, en) = Words(amendment.Kind);
            Notify(license, actor, new($"许可{zh}已生效", $"License {en} accepted"),
                new($"许可 {license.Code}：{zh}已被对方接受并生效。", $"License {license.Code}: the {en} was accepted and applies now."));
            LicenseReclassifyJob.QueueFor(jobs, license, time);
            LicenseExpiryJob.QueueFor(jobs, license, time);
            jobs.Enqueue(LicenseSealJob.JobKind, LicenseSealJob.LicensePayload(license.Id), license.LicensorOrganizationId, delay: TimeSpan.FromMinutes(1));
            if (!await DealService.SaveUnderLockAsync(db, attempt, "license-changed", cancellationToken))
            {
                continue;
            }
            await sealer.SealLicenseAsync(license.Id, cancellationToken);
            return license;
        }
    }

    /// <summary>The other side declines (<paramref name="withdraw"/> false), or the proposer withdraws, an open change.</summary>
    public async Task<LicenseAmendment> CloseAsync(Actor actor, string code, Guid amendmentId, bool withdraw, string? note, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, cancellationToken);
        var amendment = await OpenAsync(license, amendmentId, cancellationToken);
        var own = amendment.ProposedByOrganizationId == actor.OrganizationId;
        if (own != withdraw)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "illegal-transition", own ? "己方提出的修订只能撤回。" : "对方提出的修订只能接受或拒绝。",
                own ? "Your own proposal can only be withdrawn." : "The other side's proposal can only be accepted or declined.");
        }
        amendment.State = own ? AmendmentState.Withdrawn : AmendmentState.Declined;
        amendment.DecidedAt = Now();
        amendment.DecidedByUserId = actor.UserId;
        amendment.Version++;
        var reason = Validation.OptionalText(note, 2000, "note");
        var (zh, en) = Words(amendment.Kind);
        Notify(license, actor, own ? new($"许可{zh}已撤回", $"License {en} withdrawn") : new($"许可{zh}被拒绝", $"License {en} declined"),
            new($"许可 {license.Code}：对方{(own ? "撤回" : "拒绝")}了{zh}。{reason}", $"License {license.Code}: the other side {(own ? "withdrew" : "declined")} the {en}. {reason}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw Changed();
        }
        return amendment;
    }

    /// <summary>Every proposed change of a license, newest first, for one of its sides.</summary>
    public async Task<IReadOnlyList<LicenseAmendment>> ListAsync(Actor actor, string code, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingRead);
        var license = await FindAsync(actor, code, cancellationToken);
        return await db.LicenseAmendments.AsNoTracking().Where(a => a.LicenseId == license.Id).OrderByDescending(a => a.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>What a change must keep, checked when proposed and again when accepted (days pass, statements get drawn).</summary>
    private async Task CheckAsync(License license, AmendmentKind kind, LicenseTerms current, LicenseTerms terms, CancellationToken cancellationToken)
    {
        if (kind == AmendmentKind.Renew && (terms.Start != current.Start || terms.End <= current.End))
        {
            throw ReelRightsException.Invalid("invalid-renewal", "续期须保持开始日期，并把结束日期延后。", "A renewal keeps the start date and moves the end date later.");
        }
        await CheckRoyaltiesAsync(license, current, terms, cancellationToken);
        if (kind == AmendmentKind.Amend && terms.End < LicensingClock.Today(time) && terms.End != current.End)
        {
            throw ReelRightsException.Invalid("invalid-term", "修订后的结束日期不能早于今天。", "The amended term cannot end before today.");
        }
    }

    /// <summary>
    /// Statements already drawn were computed from the start (where a flat fee or guarantee falls) and
    /// the price: those stay; and every month with usage or a statement stays within the term.
    /// </summary>
    private async Task CheckRoyaltiesAsync(License license, LicenseTerms current, LicenseTerms terms, CancellationToken cancellationToken)
    {
        var statements = await db.RoyaltyStatements.AsNoTracking().Where(s => s.LicenseId == license.Id).Select(s => s.Period).ToListAsync(cancellationToken);
        if (statements.Count > 0 && (terms.Start != current.Start || terms.Price != current.Price))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "price-locked",
                "已出具结算单，开始日期与价格不能再修订；新的价格请另行订立许可。",
                "Statements have been drawn, so the start date and the price can no longer change; agree a new price in a new license.");
        }
        var periods = statements.Concat(await db.UsageLines.AsNoTracking().Where(u => u.LicenseId == license.Id).Select(u => u.Period).Distinct().ToListAsync(cancellationToken)).ToList();
        if (periods.Count == 0)
        {
            return;
        }
        var (first, last) = (periods.Min(StringComparer.Ordinal)!, periods.Max(StringComparer.Ordinal)!);
        if (string.CompareOrdinal(Royalties.RoyaltyCalculator.PeriodOf(terms.Start), first) > 0 || string.CompareOrdinal(Royalties.RoyaltyCalculator.PeriodOf(terms.End), last) < 0)
        {
            throw ReelRightsException.Invalid("usage-outside-term",
                $"已报告的使用数据覆盖 {first} 至 {last}，新期限须包含这些月份。", $"Usage has been reported for {first} to {last}; the new term must include those months.");
        }
    }

    private async Task<LicenseAmendment> OpenAsync(License license, Guid amendmentId, CancellationToken cancellationToken)
    {
        var amendment = await db.LicenseAmendments.SingleOrDefaultAsync(a => a.Id == amendmentId && a.LicenseId == license.Id, cancellationToken)
            ?? throw ReelRightsException.NotFound("修订");
        return amendment.State == AmendmentState.Open ? amendment : throw Changed();
    }

    private async Task<License> SideAsync(Actor actor, string code, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingWrite);
        return await FindAsync(actor, code, cancellationToken);
    }

    private Task<License> FindAsync(Actor actor, string code, CancellationToken cancellationToken) =>
        LicenseChanges.TrackedForSideAsync(db, actor, code, licenseeOnly: false, cancellationToken);

    private void Notify(License license, Actor actor, NotificationText title, NotificationText body) =>
        notifications.Add(license.LicensorOrganizationId == actor.OrganizationId ? license.LicenseeOrganizationId : license.LicensorOrganizationId,
            "license", title, body, $"/trading/licenses/{license.Code}");

    private static (string Zh, string En) Words(AmendmentKind kind) => kind == AmendmentKind.Renew ? ("续期", "renewal") : ("修订", "amendment");

    private static ReelRightsException OneOpen() =>
        new(ErrorKind.Conflict, "amendment-open", "该许可已有待对方答复的修订，请先处理。", "A change to this license is already awaiting an answer; settle it first.");

    private static ReelRightsException Changed() =>
        new(ErrorKind.Conflict, "amendment-closed", "该修订已被处理（接受、拒绝或撤回），请刷新页面。", "That change has already been answered or withdrawn; reload the page.");

    private DateTime Now() => Cases.CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
}
