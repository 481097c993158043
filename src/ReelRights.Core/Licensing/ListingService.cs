using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;

namespace ReelRights.Core.Licensing;

/// <summary>
/// 挂牌与目录: a rights holder lists rights in its own work; licensees and platforms search the
/// catalogue of public listings and those they are invited to. Anyone else's listing, and a
/// withdrawn one, is 404 to a buyer, as for an id that does not exist.
/// </summary>
public sealed class ListingService(ReelRightsDbContext db, TimeProvider time)
{
    public const int MaxInvited = 100;

    public async Task<LicenseListing> CreateAsync(Actor actor, NewListing input, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingWrite);
        if (actor.OrganizationKind != OrganizationKind.RightsHolder)
        {
            throw ReelRightsException.Forbidden("只有权利人可以挂牌。", "Only a rights holder lists rights.");
        }
        if (!await db.Works.AnyAsync(w => w.Id == input.WorkId && w.OrganizationId == actor.OrganizationId, cancellationToken))
        {
            throw ReelRightsException.NotFound("作品");
        }
        var terms = input.Terms.Validate();
        var invited = (input.Invited ?? []).Distinct().ToList();
        if (input.Visibility == ListingVisibility.Invited && invited.Count is 0 or > MaxInvited)
        {
            throw ReelRightsException.Invalid("invalid-invited", $"定向挂牌须邀请 1 到 {MaxInvited} 个组织。", $"An invitation-only listing invites 1 to {MaxInvited} organizations.");
        }
        if (invited.Count > 0 && await db.Organizations.CountAsync(o => invited.Contains(o.Id), cancellationToken) != invited.Count)
        {
            throw ReelRightsException.Invalid("unknown-organization", "邀请的组织不存在。", "An invited organization does not exist.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var listing = new LicenseListing
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = actor.OrganizationId,
            WorkId = input.WorkId,
            Title = Validation.OptionalText(input.Title, 200, "title") ?? throw ReelRightsException.Invalid("title-required", "请填写挂牌标题。", "Give the listing a title."),
            Description = Validation.OptionalText(input.Description, 4000, "description"),
            Tags = string.Join(',', (input.Tags ?? []).Select(t => Validation.OptionalText(t, 40, "tags")?.ToLowerInvariant()).OfType<string>().Distinct().Order(StringComparer.Ordinal)),
            TermsJson = terms.ToJson(),
            RightsMask = (int)terms.Rights,
            Visibility = input.Visibility,
            InvitedJson = JsonSerializer.Serialize(input.Visibility == ListingVisibility.Invited ? invited : []),
            State = ListingState.Published,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.LicenseListings.Add(listing);
        await db.SaveChangesAsync(cancellationToken);
        return listing;
    }

    public async Task<LicenseListing> WithdrawAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingWrite);
        var listing = await db.LicenseListings.SingleOrDefaultAsync(l => l.Id == id && l.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("挂牌");
        listing.State = ListingState.Withdrawn;
        listing.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return listing;
    }

    /// <summary>A listing the actor may see: its own, or a published one that is public or invites the actor.</summary>
    public async Task<CatalogueEntry> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingRead);
        var listing = await db.LicenseListings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null || !Visible(actor, listing))
        {
            throw ReelRightsException.NotFound("挂牌");
        }
        return (await EntriesAsync([listing], cancellationToken))[0];
    }

    /// <summary>
    /// The catalogue: published listings the actor may see, filtered. <see cref="CatalogueQuery.FreeIn"/>
    /// keeps listings whose work has no exclusive or sole grant (in force or reserved) of an asked
    /// right covering that territory today or later.
    /// </summary>
    public async Task<IReadOnlyList<CatalogueEntry>> CatalogueAsync(Actor actor, CatalogueQuery query, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingRead);
        var candidates = db.LicenseListings.AsNoTracking().Where(l => l.State == ListingState.Published || l.OrganizationId == actor.OrganizationId);
        if (query.Right is { } right && right != LicenseRight.None)
        {
            candidates = candidates.Where(l => (l.RightsMask & (int)right) != 0);
        }
        if (Validation.OptionalText(query.Tag, 40, "tag")?.ToLowerInvariant() is { } tag)
        {
            candidates = candidates.Where(l => ("," + l.Tags + ",").Contains("," + tag + ","));
        }
        if (Validation.OptionalText(query.Text, 200, "q") is { } text)
        {
            var works = db.Works.Where(w => w.Title.Contains(text) || w.Code == text).Select(w => w.Id);
            candidates = candidates.Where(l => l.Title.Contains(text) || works.Contains(l.WorkId));
        }
        var listings = (await candidates.OrderByDescending(l => l.CreatedAt).Take(1000).ToListAsync(cancellationToken)).Where(l => Visible(actor, l)).ToList();
        var freeIn = query.FreeIn is { } t ? Territories.Normalize(t) : null;
        var entries = await EntriesAsync(listings, cancellationToken);
        return entries.Where(e =>
                (query.Territory is not { } wanted || e.Terms.TerritoryCodes().IsSupersetOf(Territories.Expand([wanted])))
                && (query.Language is not { } language || e.Terms.Languages.Count == 0 || e.Terms.Languages.Contains(language.Trim().ToLowerInvariant()))
                && (query.MinEpisodes is not { } min || e.Episodes >= min)
                && (query.MaxPriceMinor is not { } max || (e.Terms.Price.FlatFeeMinor ?? e.Terms.Price.MinimumGuaranteeMinor ?? 0) <= max)
                && (freeIn is null || !e.ExclusiveTerritories.Overlaps(Territories.Expand([freeIn]))))
            .Take(Math.Clamp(query.Limit, 1, 200)).ToList();
    }

    /// <summary>The organization's own listings, newest first.</summary>
    public async Task<IReadOnlyList<CatalogueEntry>> MineAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingRead);
        var listings = await db.LicenseListings.AsNoTracking().Where(l => l.OrganizationId == actor.OrganizationId).OrderByDescending(l => l.CreatedAt)
            .Take(500).ToListAsync(cancellationToken);
        return await EntriesAsync(listings, cancellationToken);
    }

    internal static bool Visible(Actor actor, LicenseListing listing) =>
        listing.OrganizationId == actor.OrganizationId
        || (listing.State == ListingState.Published
            && (listing.Visibility == ListingVisibility.Public || JsonSerializer.Deserialize<List<Guid>>(listing.InvitedJson)!.Contains(actor.OrganizationId)));

    private async Task<IReadOnlyList<CatalogueEntry>> EntriesAsync(IReadOnlyList<LicenseListing> listings, CancellationToken cancellationToken)
    {
        var workIds = listings.Select(l => l.WorkId).Distinct().ToList();
        var works = await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var owners = listings.Select(l => l.OrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => owners.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var episodes = (await db.Episodes.AsNoTracking().Where(e => workIds.Contains(e.WorkId)).Select(e => new { e.WorkId, e.DurationSeconds }).ToListAsync(cancellationToken))
            .GroupBy(e => e.WorkId).ToDictionary(g => g.Key, g => (Count: g.Count(), Seconds: g.Sum(e => e.DurationSeconds ?? 0)));
        var certificates = (await db.Registrations.AsNoTracking().Where(r => workIds.Contains(r.WorkId) && r.CertificateNumber != null)
            .Select(r => new { r.WorkId, r.CertificateNumber, r.CreatedAt }).ToListAsync(cancellationToken))
            .GroupBy(r => r.WorkId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.CreatedAt).First().CertificateNumber);
        var today = LicensingClock.Today(time);
        var exclusive = (await db.Licenses.AsNoTracking()
                .Where(l => workIds.Contains(l.WorkId) && (l.State == LicenseState.Active || l.State == LicenseState.Pending)
                    && l.Exclusivity != Exclusivity.NonExclusive && l.End >= today)
                .Select(l => new { l.WorkId, l.TermsJson }).ToListAsync(cancellationToken))
            .GroupBy(l => l.WorkId).ToDictionary(g => g.Key, g => g.SelectMany(l => LicenseTerms.FromJson(l.TermsJson).TerritoryCodes()).ToHashSet(StringComparer.Ordinal));
        return listings.Select(l =>
        {
            var work = works[l.WorkId];
            var (count, seconds) = episodes.GetValueOrDefault(l.WorkId);
            return new CatalogueEntry(l, work.Title, work.Code, names.GetValueOrDefault(l.OrganizationId, ""), LicenseTerms.FromJson(l.TermsJson), count,
                Math.Round(seconds / 60, 1), certificates.GetValueOrDefault(l.WorkId),
                exclusive.TryGetValue(l.WorkId, out var taken) ? taken : new HashSet<string>(StringComparer.Ordinal));
        }).ToList();
    }
}

/// <summary>A listing as a rights holder writes it.</summary>
public sealed record NewListing(Guid WorkId, string? Title, LicenseTerms Terms, ListingVisibility Visibility = ListingVisibility.Public,
    IReadOnlyList<Guid>? Invited = null, string? Description = null, IReadOnlyList<string>? Tags = null);

/// <summary>Catalogue filters; each is optional.</summary>
public sealed record CatalogueQuery(string? Text = null, string? Tag = null, LicenseRight? Right = null, string? Territory = null, string? FreeIn = null,
    string? Language = null, int? MinEpisodes = null, long? MaxPriceMinor = null, int Limit = 100);

/// <summary>A listing with what a buyer weighs: the work, its episodes and minutes, its certificate, and where exclusive grants already hold.</summary>
public sealed record CatalogueEntry(LicenseListing Listing, string WorkTitle, string WorkCode, string OwnerName, LicenseTerms Terms, int Episodes,
    double TotalMinutes, string? CertificateNumber, IReadOnlySet<string> ExclusiveTerritories);
