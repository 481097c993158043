using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;

namespace ReelRights.Core.Licensing;

/// <summary>
/// Licenses for their two sides (licensor and licensee), and the public check anyone can make by
/// code: who holds which rights in which work, where and until when, and the ledger entry that
/// proves it (never the price).
/// </summary>
public sealed class LicenseService(ReelRightsDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<License>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingRead);
        return await db.Licenses.AsNoTracking()
            .Where(l => (l.LicensorOrganizationId == actor.OrganizationId || l.LicenseeOrganizationId == actor.OrganizationId) && l.State != LicenseState.Cancelled)
            .OrderByDescending(l => l.CreatedAt).Take(1000).ToListAsync(cancellationToken);
    }

    /// <summary>A license by code for one of its sides, with its history; anyone else gets 404.</summary>
    public async Task<LicenseView> GetAsync(Actor actor, string code, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LicensingRead);
        var view = await FindAsync(code, cancellationToken);
        if (view.License.LicensorOrganizationId != actor.OrganizationId && view.License.LicenseeOrganizationId != actor.OrganizationId)
        {
            throw ReelRightsException.NotFound("许可");
        }
        return view;
    }

    /// <summary>The public check: a license in force, ended or expired, by its code; a pending or cancelled one does not exist for the public.</summary>
    public async Task<LicenseView> PublicAsync(string code, CancellationToken cancellationToken)
    {
        var view = await FindAsync(code, cancellationToken);
        return view.License.State is LicenseState.Pending or LicenseState.Cancelled ? throw ReelRightsException.NotFound("许可") : view;
    }

    /// <summary>Where a license stands today (China time): in force, not yet started, expired, terminated.</summary>
    public LicenseStanding Standing(License license)
    {
        var today = LicensingClock.Today(time);
        return license.State switch
        {
            LicenseState.Pending => LicenseStanding.Pending,
            LicenseState.Cancelled => LicenseStanding.Cancelled,
            LicenseState.Terminated => LicenseStanding.Terminated,
            _ when today > license.End => LicenseStanding.Expired,
            _ when today < license.Start => LicenseStanding.NotYetStarted,
            _ => LicenseStanding.InForce,
        };
    }

    private async Task<LicenseView> FindAsync(string code, CancellationToken cancellationToken)
    {
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        var license = await db.Licenses.AsNoTracking().SingleOrDefaultAsync(l => l.Code == normalized, cancellationToken) ?? throw ReelRightsException.NotFound("许可");
        var events = await db.LicenseEvents.AsNoTracking().Where(e => e.LicenseId == license.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == license.WorkId, cancellationToken);
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == license.LicensorOrganizationId || o.Id == license.LicenseeOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var signatures = license.DealId is { } deal
            ? await db.DealSignatures.AsNoTracking().Where(s => s.DealId == deal).OrderBy(s => s.At).ToListAsync(cancellationToken)
            : [];
        var caseNumber = license.CaseId is { } caseId
            ? await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Number).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new LicenseView(license, LicenseTerms.FromJson(license.TermsJson), work.Title, work.Code, names[license.LicensorOrganizationId],
            names[license.LicenseeOrganizationId], events, signatures, Standing(license), caseNumber);
    }
}

public enum LicenseStanding
{
    Pending,
    NotYetStarted,
    InForce,
    Expired,
    Terminated,
    Cancelled,
}

/// <summary>
/// A license with its terms, names, sealed history and signatures, and where it stands today; for a
/// license a mediation settlement granted, the case's number (its contract is the settlement agreement).
/// </summary>
public sealed record LicenseView(License License, LicenseTerms Terms, string WorkTitle, string WorkCode, string LicensorName, string LicenseeName,
    IReadOnlyList<LicenseEvent> Events, IReadOnlyList<DealSignature> Signatures, LicenseStanding Standing, string? CaseNumber = null);
