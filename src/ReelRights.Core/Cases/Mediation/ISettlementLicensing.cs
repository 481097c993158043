using ReelRights.Core.Licensing;

namespace ReelRights.Core.Cases.Mediation;

/// <summary>
/// The hook the licensing and trading service (用权) fills for mediation: a proposal that keeps the
/// copies up under a license instead of a takedown may carry the license as structured terms; it is
/// checked when proposed and when accepted, and granted in the same commit as the settlement.
/// </summary>
public interface ISettlementLicensing
{
    /// <summary>
    /// Checks the license a proposal would grant: valid terms, a licensee (the case's platform, the
    /// party that keeps the copies up and signs the agreement, when it has an account here), and no
    /// conflict with the work's grants. Returns the normalized terms, the licensee and the words the
    /// agreement states the grant in.
    /// </summary>
    Task<SettlementGrant> CheckAsync(EnforcementCase c, LicenseTerms terms, CancellationToken cancellationToken);

    /// <summary>
    /// At settlement: grants the license the accepted <paramref name="proposal"/> carries (refused on
    /// a conflict that arose meanwhile), or, for terms in words only, says the parties grant it
    /// themselves. Returns the line the settle step records.
    /// </summary>
    Task<string> GrantAsync(EnforcementCase settledCase, SettlementProposal proposal, SettlementAgreement agreement, CancellationToken cancellationToken);
}

/// <summary>A checked grant: the terms as stored, who holds it, and how the agreement words it (zh / en).</summary>
public sealed record SettlementGrant(LicenseTerms Terms, Guid LicenseeOrganizationId, string Wording);
