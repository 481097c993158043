using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Licensing;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Core.Works;

namespace ReelRights.Core.Finance;

/// <summary>
/// Finds the comparable licensed works for the market approach across every owner on the platform.
/// It returns figures only (<see cref="Comparable"/>); <see cref="MarketApproach"/> decides whether enough
/// of them stand behind a figure to show it.
/// </summary>
public sealed class MarketComparables(ReelRightsDbContext db)
{
    /// <summary>Works other than <paramref name="subject"/> sharing a genre, in the same episode band, licensed in an overlapping territory (any, when <paramref name="territories"/> is empty).</summary>
    public async Task<IReadOnlyList<Comparable>> FindAsync(Work subject, IReadOnlyList<string> genres, int episodes, IReadOnlySet<string> territories, string currency,
        CancellationToken cancellationToken)
    {
        if (genres.Count == 0 || episodes == 0)
        {
            return [];
        }
        var band = MarketApproach.Band(episodes);
        // Every tagged work is read to find the overlap; at platform scale this wants a tag index (a table of work × tag).
        var tagged = await WorkGenres.LoadAsync(db, null, cancellationToken);
        var candidates = tagged.Where(t => t.Key != subject.Id && t.Value.Overlaps(genres)).ToDictionary();
        if (candidates.Count == 0)
        {
            return [];
        }
        var ids = candidates.Keys.ToList();
        var registrations = await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.WorkId) && r.State == RegistrationState.Sealed).ToListAsync(cancellationToken);
        var counts = (await RegisteredEpisodes.OfAsync(db, registrations, cancellationToken)).GroupBy(e => e.WorkId).ToDictionary(g => g.Key, g => g.Count());
        var licenses = await db.Licenses.AsNoTracking()
            .Where(l => ids.Contains(l.WorkId) && l.State != LicenseState.Pending && l.State != LicenseState.Cancelled).ToListAsync(cancellationToken);
        var licenseIds = licenses.Select(l => l.Id).ToList();
        var owed = (await db.RoyaltyStatements.AsNoTracking().Where(s => licenseIds.Contains(s.LicenseId) && s.LicensorConfirmedAt != null && s.LicenseeConfirmedAt != null)
            .Select(s => new { s.LicenseId, s.Period, s.OwedMinor }).ToListAsync(cancellationToken)).ToLookup(s => s.LicenseId);
        var works = await db.Works.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var found = new List<Comparable>();
        foreach (var group in licenses.GroupBy(l => l.WorkId))
        {
            var count = counts.GetValueOrDefault(group.Key);
            if (count == 0 || MarketApproach.Band(count) != band)
            {
                continue;
            }
            long income = 0;
            var overlaps = territories.Count == 0;
            foreach (var license in group)
            {
                var terms = LicenseTerms.FromJson(license.TermsJson);
                if (terms.Price.Currency != currency)
                {
                    continue;
                }
                overlaps |= terms.TerritoryCodes().Overlaps(territories);
                income += FirstYearIncome(license, terms, owed[license.Id].Select(s => (s.Period, s.OwedMinor)));
            }
            if (overlaps && income > 0)
            {
                var work = works[group.Key];
                found.Add(new Comparable(work.Id, work.OrganizationId, work.OrganizationId == subject.OrganizationId ? work.Code : null, count, income));
            }
        }
        return found;
    }

    /// <summary>What a license earned its licensor in its first twelve months: the confirmed amounts owed, and not less than the fixed fee or guarantee.</summary>
    public static long FirstYearIncome(License license, LicenseTerms terms, IEnumerable<(string Period, long OwedMinor)> statements)
    {
        var first = RoyaltyCalculator.PeriodOf(license.Start);
        var last = IncomeApproach.AddMonths(first, 11);
        var owed = statements.Where(s => string.CompareOrdinal(s.Period, first) >= 0 && string.CompareOrdinal(s.Period, last) <= 0).Sum(s => s.OwedMinor);
        return Math.Max(owed, terms.Price.FlatFeeMinor ?? terms.Price.MinimumGuaranteeMinor ?? 0);
    }
}
