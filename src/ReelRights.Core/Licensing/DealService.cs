using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Licensing;

/// <summary>
/// 交易: offer → counter-offer → accept → both sign. Every version is kept with who wrote it. The
/// side that did not write the latest version accepts it; accepting runs the exclusivity check and
/// reserves the grant in one commit ordered by the work's licensing lock, so of two overlapping
/// exclusive accepts exactly one wins. Only the deal's two sides see it; anyone else gets 404.
/// </summary>
public sealed class DealService(ReelRightsDbContext db, LicenseContracts contracts, NotificationService notifications, TimeProvider time)
{
    internal const int AcceptAttempts = 5;

    /// <summary>A licensee or platform opens a deal on a listing it may see, with the listing's terms or its own.</summary>
    public async Task<LicenseDeal> OfferAsync(Actor actor, Guid listingId, LicenseTerms? terms, string? note, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingWrite);
        if (actor.OrganizationKind is not (OrganizationKind.Licensee or OrganizationKind.Platform))
        {
            throw ReelRightsException.Forbidden("只有被许可方或平台可以报价。", "Only a licensee or a platform makes offers.");
        }
        var listing = await db.LicenseListings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null || listing.State != ListingState.Published || !ListingService.Visible(actor, listing))
        {
            throw ReelRightsException.NotFound("挂牌");
        }
        var offered = (terms ?? LicenseTerms.FromJson(listing.TermsJson)).Validate();
        var now = Now();
        var deal = new LicenseDeal
        {
            Id = Guid.CreateVersion7(),
            Number = ReadableCodes.New("JY", now),
            ListingId = listing.Id,
            WorkId = listing.WorkId,
            OwnerOrganizationId = listing.OrganizationId,
            BuyerOrganizationId = actor.OrganizationId,
            State = DealState.Negotiating,
            LatestVersion = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.LicenseDeals.Add(deal);
        AddVersion(deal, actor, offered, note, now);
        notifications.Add(deal.OwnerOrganizationId, "deal", new("新的报价", "New offer"),
            new($"交易 {deal.Number}：{listing.Title} 收到报价。", $"Deal {deal.Number}: an offer on {listing.Title}."), $"/trading/deals/{deal.Id}");
        await SaveAsync(cancellationToken);
        return deal;
    }

    /// <summary>A counter-offer: the full terms again, as the writer wants them now.</summary>
    public async Task<LicenseDeal> CounterAsync(Actor actor, Guid dealId, LicenseTerms terms, string? note, CancellationToken cancellationToken)
    {
        var deal = await PartyDealAsync(actor, dealId, write: true, cancellationToken);
        RequireState(deal, DealState.Negotiating, "只有洽谈中的交易可以还价。", "Only a deal under negotiation takes a counter-offer.");
        var offered = terms.Validate();
        var now = Now();
        deal.LatestVersion++;
        Touch(deal, now);
        AddVersion(deal, actor, offered, note, now);
        NotifyOther(deal, actor, new("对方还价", "Counter-offer"), new($"交易 {deal.Number}：第 {deal.LatestVersion} 版条款。", $"Deal {deal.Number}: terms version {deal.LatestVersion}."));
        await SaveAsync(cancellationToken);
        return deal;
    }

    /// <summary>
    /// Accepts the latest version (the caller names it, so an accept cannot land on terms changed
    /// meanwhile): refused when it conflicts with a license in force or reserved, else the grant is
    /// reserved as a pending license and the contract drawn.
    /// </summary>
    public async Task<LicenseDeal> AcceptAsync(Actor actor, Guid dealId, int version, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var deal = await PartyDealAsync(actor, dealId, write: true, cancellationToken);
            RequireState(deal, DealState.Negotiating, "只有洽谈中的交易可以接受。", "Only a deal under negotiation can be accepted.");
            var latest = await db.DealVersions.AsNoTracking().SingleAsync(v => v.DealId == deal.Id && v.Number == deal.LatestVersion, cancellationToken);
            if (version != latest.Number)
            {
                throw new ReelRightsException(ErrorKind.Conflict, "deal-changed",
                    $"条款已更新为第 {latest.Number} 版，请阅读后再接受。", $"The terms are now at version {latest.Number}; read them before accepting.");
            }
            if (latest.ByOrganizationId == actor.OrganizationId)
            {
                throw new ReelRightsException(ErrorKind.Conflict, "own-offer", "不能接受己方提出的条款，请等待对方答复。", "You cannot accept your own terms; wait for the other side.");
            }
            var terms = LicenseTerms.FromJson(latest.TermsJson);
            await TakeLockAsync(db, deal.WorkId, cancellationToken);
            if (await ConflictAsync(deal.WorkId, terms, cancellationToken) is { } conflict)
            {
                db.ChangeTracker.Clear();
                throw Conflict(conflict.License, conflict.Overlap);
            }
            var now = Now();
            var license = new License
            {
                Id = Guid.CreateVersion7(),
                Code = ReadableCodes.New("RRL", now, 8),
                WorkId = deal.WorkId,
                LicensorOrganizationId = deal.OwnerOrganizationId,
                LicenseeOrganizationId = deal.BuyerOrganizationId,
                DealId = deal.Id,
                TermsJson = latest.TermsJson,
                RightsMask = (int)terms.Rights,
                Exclusivity = terms.Exclusivity,
                Start = terms.Start,
                End = terms.End,
                State = LicenseState.Pending,
                CreatedAt = now,
            };
            db.Licenses.Add(license);
            deal.State = DealState.AwaitingSignatures;
            deal.AcceptedVersion = latest.Number;
            deal.LicenseId = license.Id;
            Touch(deal, now);
            if (!await SaveUnderLockAsync(db, attempt, "deal-changed", cancellationToken))
            {
                continue;
            }
            await contracts.DrawAsync(deal, license, cancellationToken);
            NotifyOther(deal, actor, new("条款已接受", "Terms accepted"),
                new($"交易 {deal.Number}：第 {latest.Number} 版条款已接受，请阅读合同后签署。", $"Deal {deal.Number}: terms version {latest.Number} accepted; read the contract and sign."));
            await SaveAsync(cancellationToken);
            return deal;
        }
    }

    /// <summary>Either side withdraws before both have signed; a reserved grant is released.</summary>
    public async Task<LicenseDeal> WithdrawAsync(Actor actor, Guid dealId, string? note, CancellationToken cancellationToken)
    {
        var deal = await PartyDealAsync(actor, dealId, write: true, cancellationToken);
        if (deal.State is not (DealState.Negotiating or DealState.AwaitingSignatures))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "illegal-transition", "交易已签署或已撤回。", "The deal is already signed or withdrawn.");
        }
        if (deal.LicenseId is { } id && await db.Licenses.SingleOrDefaultAsync(l => l.Id == id, cancellationToken) is { } license)
        {
            license.State = LicenseState.Cancelled;
            license.Version++;
        }
        deal.State = DealState.Withdrawn;
        Touch(deal, Now());
        NotifyOther(deal, actor, new("交易已撤回", "Deal withdrawn"),
            new($"交易 {deal.Number} 已由对方撤回。{Validation.OptionalText(note, 2000, "note")}", $"Deal {deal.Number} was withdrawn by the other side."));
        await SaveAsync(cancellationToken);
        return deal;
    }

    /// <summary>A deal with its versions, signatures and license, for one of its two sides.</summary>
    public async Task<DealView> GetAsync(Actor actor, Guid dealId, CancellationToken cancellationToken)
    {
        var deal = await PartyDealAsync(actor, dealId, write: false, cancellationToken);
        var versions = await db.DealVersions.AsNoTracking().Where(v => v.DealId == deal.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var signatures = await db.DealSignatures.AsNoTracking().Where(s => s.DealId == deal.Id).OrderBy(s => s.At).ToListAsync(cancellationToken);
        var license = deal.LicenseId is { } id ? await db.Licenses.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken) : null;
        var listing = await db.LicenseListings.AsNoTracking().SingleAsync(l => l.Id == deal.ListingId, cancellationToken);
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == deal.WorkId, cancellationToken);
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == deal.OwnerOrganizationId || o.Id == deal.BuyerOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var latestBy = versions.LastOrDefault()?.ByOrganizationId;
        var actions = new List<string>();
        if (actor.Has(Permissions.LicensingWrite))
        {
            if (deal.State == DealState.Negotiating)
            {
                actions.Add("counter");
                if (latestBy != actor.OrganizationId)
                {
                    actions.Add("accept");
                }
            }
            if (deal.State == DealState.AwaitingSignatures && deal.ContractPdfSha256 is not null && signatures.All(s => s.OrganizationId != actor.OrganizationId))
            {
                actions.Add("sign");
            }
            if (deal.State is DealState.Negotiating or DealState.AwaitingSignatures)
            {
                actions.Add("withdraw");
            }
        }
        return new DealView(deal, listing.Title, work.Title, work.Code, names[deal.OwnerOrganizationId], names[deal.BuyerOrganizationId], versions, signatures, license, actions);
    }

    /// <summary>The deals the actor's organization is a side of, newest first.</summary>
    public async Task<IReadOnlyList<LicenseDeal>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingRead);
        return await db.LicenseDeals.AsNoTracking()
            .Where(d => d.OwnerOrganizationId == actor.OrganizationId || d.BuyerOrganizationId == actor.OrganizationId)
            .OrderByDescending(d => d.UpdatedAt).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>The first license in force or reserved for the work that conflicts with <paramref name="terms"/>, narrowed in SQL by term, rights and exclusivity.</summary>
    /// <remarks><paramref name="except"/> leaves one license out: the one an amendment would change.</remarks>
    internal async Task<(License License, GrantOverlap Overlap)?> ConflictAsync(Guid workId, LicenseTerms terms, CancellationToken cancellationToken, Guid? except = null)
    {
        var mask = (int)terms.Rights;
        var candidates = db.Licenses.AsNoTracking().Where(l => l.WorkId == workId && (l.State == LicenseState.Active || l.State == LicenseState.Pending)
            && l.Start <= terms.End && l.End >= terms.Start && (l.RightsMask & mask) != 0);
        if (except is { } skipped)
        {
            candidates = candidates.Where(l => l.Id != skipped);
        }
        if (terms.Exclusivity == Exclusivity.NonExclusive)
        {
            candidates = candidates.Where(l => l.Exclusivity != Exclusivity.NonExclusive);
        }
        await foreach (var license in candidates.OrderBy(l => l.CreatedAt).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (GrantOverlap.Conflicts(LicenseTerms.FromJson(license.TermsJson), terms) is { } overlap)
            {
                return (license, overlap);
            }
        }
        return null;
    }

    /// <summary>
    /// Bumps the work's licensing lock row in the pending commit: of two commits that each checked
    /// exclusivity and reserved or changed a grant of the same work, the second fails and looks again.
    /// </summary>
    internal static async Task TakeLockAsync(ReelRightsDbContext db, Guid workId, CancellationToken cancellationToken)
    {
        var guard = await db.WorkLicensingLocks.SingleOrDefaultAsync(l => l.WorkId == workId, cancellationToken);
        if (guard is null)
        {
            db.WorkLicensingLocks.Add(new WorkLicensingLock { WorkId = workId, Version = 1 });
        }
        else
        {
            guard.Version++;
        }
    }

    /// <summary>
    /// Commits a change made under <see cref="TakeLockAsync"/>. False when another change of the
    /// work's grants committed first (the caller looks again with it in view); after the last
    /// attempt, a clear conflict named <paramref name="code"/>.
    /// </summary>
    internal static async Task<bool> SaveUnderLockAsync(ReelRightsDbContext db, int attempt, string code, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (attempt < AcceptAttempts)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new ReelRightsException(ErrorKind.Conflict, code, "该作品的许可正在变动，请稍后重试。", "Licensing of this work is changing; try again shortly.");
        }
    }

    internal static ReelRightsException Conflict(License license, GrantOverlap o)
    {
        var rights = LicenseText.Rights(o.Rights);
        var territories = Territories.Describe(o.Territories);
        var from = o.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = o.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var kind = LicenseText.Exclusivity(license.Exclusivity);
        return new ReelRightsException(ErrorKind.Conflict, "exclusivity-conflict",
            $"与许可 {license.Code}（{kind.Zh}）冲突：{rights.Zh}，{territories.Zh}，{from} 至 {to}。",
            $"Conflicts with license {license.Code} ({kind.En}): {rights.En}, {territories.En}, {from} to {to}.");
    }

    internal async Task<LicenseDeal> PartyDealAsync(Actor actor, Guid dealId, bool write, CancellationToken cancellationToken)
    {
        actor.Require(write ? Permissions.LicensingWrite : Permissions.LicensingRead);
        var deal = await db.LicenseDeals.SingleOrDefaultAsync(d => d.Id == dealId, cancellationToken);
        if (deal is null || (deal.OwnerOrganizationId != actor.OrganizationId && deal.BuyerOrganizationId != actor.OrganizationId))
        {
            throw ReelRightsException.NotFound("交易");
        }
        return deal;
    }

    internal void NotifyOther(LicenseDeal deal, Actor actor, NotificationText title, NotificationText body) =>
        notifications.Add(deal.OwnerOrganizationId == actor.OrganizationId ? deal.BuyerOrganizationId : deal.OwnerOrganizationId, "deal", title, body,
            $"/trading/deals/{deal.Id}");

    internal static void RequireState(LicenseDeal deal, DealState state, string zh, string en)
    {
        if (deal.State != state)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "illegal-transition", zh, en);
        }
    }

    internal async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ReelRightsException(ErrorKind.Conflict, "deal-changed", "交易刚被对方更新，请刷新后重试。", "The deal was just changed by the other side; reload and try again.");
        }
    }

    private void AddVersion(LicenseDeal deal, Actor actor, LicenseTerms terms, string? note, DateTime now) =>
        db.DealVersions.Add(new DealVersion
        {
            Id = Guid.CreateVersion7(),
            DealId = deal.Id,
            Number = deal.LatestVersion,
            ByOrganizationId = actor.OrganizationId,
            ByUserId = actor.UserId,
            TermsJson = terms.ToJson(),
            Note = Validation.OptionalText(note, 4000, "note"),
            CreatedAt = now,
        });

    private static void Touch(LicenseDeal deal, DateTime now)
    {
        deal.UpdatedAt = now;
        deal.Version++;
    }

    private DateTime Now() => Cases.CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
}

/// <summary>A deal as one of its sides sees it, with the moves open to the caller (counter, accept, sign, withdraw).</summary>
public sealed record DealView(LicenseDeal Deal, string ListingTitle, string WorkTitle, string WorkCode, string OwnerName, string BuyerName,
    IReadOnlyList<DealVersion> Versions, IReadOnlyList<DealSignature> Signatures, License? License, IReadOnlyList<string> Actions);
