namespace ReelRights.Core.Cases.Mediation;

/// <summary>
/// Terms one side (or the mediator) puts forward: compensation, how it is paid, what is taken
/// down, and optionally a license in place of the takedown. A counter-proposal supersedes the one
/// it answers; the other side accepts one, which the agreement is then drawn from.
/// </summary>
public sealed class SettlementProposal
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int Sequence { get; set; }
    public CaseRole ByRole { get; set; }
    public Guid? ByOrganizationId { get; set; }
    /// <summary>Compensation in the currency's minor unit (分 for CNY).</summary>
    public long AmountMinor { get; set; }
    /// <summary>ISO 4217 code, e.g. CNY.</summary>
    public string Currency { get; set; } = "CNY";
    public string PaymentSchedule { get; set; } = "";
    public string TakedownScope { get; set; } = "";
    /// <summary>The copies stay up under a license instead of being taken down (see <see cref="ISettlementLicensing"/>).</summary>
    public bool LicenseInstead { get; set; }
    public string? LicenseTerms { get; set; }
    /// <summary>The license as structured terms (<see cref="Licensing.LicenseTerms"/> JSON), so the settlement can grant it in one step.</summary>
    public string? LicenseGrantJson { get; set; }
    /// <summary>Who would hold that license: the case's platform organization.</summary>
    public Guid? LicenseeOrganizationId { get; set; }
    public string? Note { get; set; }
    public ProposalState State { get; set; }
    public Guid? RespondsToId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public enum ProposalState
{
    Open,
    /// <summary>Answered by a counter-proposal.</summary>
    Countered,
    Accepted,
    Withdrawn,
}
