namespace ReelRights.Core.Licensing;

/// <summary>
/// 交易: a buyer's negotiation with the owner over one listing. Offers and counter-offers are
/// versions (<see cref="DealVersion"/>); the side that did not write the latest version accepts
/// it, which reserves the grant (a pending <see cref="License"/>) after the exclusivity check;
/// the contract is then drawn and both sides sign its PDF.
/// </summary>
public sealed class LicenseDeal
{
    public Guid Id { get; set; }
    /// <summary>Human-readable, e.g. JY-2026-7K3M9Q.</summary>
    public string Number { get; set; } = "";
    public Guid ListingId { get; set; }
    public Guid WorkId { get; set; }
    public Guid OwnerOrganizationId { get; set; }
    public Guid BuyerOrganizationId { get; set; }
    public DealState State { get; set; }
    public int LatestVersion { get; set; }
    public int? AcceptedVersion { get; set; }
    /// <summary>The grant the accepted terms reserve, and after both signatures, hold.</summary>
    public Guid? LicenseId { get; set; }
    public string? ContractHtmlSha256 { get; set; }
    public string? ContractPdfSha256 { get; set; }
    public string? ContractPdfSm3 { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Bumped by every move, so two moves on the same state cannot both succeed.</summary>
    public int Version { get; set; }
}

public enum DealState
{
    /// <summary>Offers going back and forth.</summary>
    Negotiating,
    /// <summary>Terms accepted, grant reserved, contract awaiting both signatures.</summary>
    AwaitingSignatures,
    /// <summary>Both signed: the license is in force.</summary>
    Signed,
    /// <summary>Withdrawn or declined by either side before signing.</summary>
    Withdrawn,
}

/// <summary>One offer or counter-offer: the full terms as proposed, by whom, with an optional note.</summary>
public sealed class DealVersion
{
    public Guid Id { get; set; }
    public Guid DealId { get; set; }
    public int Number { get; set; }
    public Guid ByOrganizationId { get; set; }
    public Guid? ByUserId { get; set; }
    public string TermsJson { get; set; } = "{}";
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One side's signature over the exact contract PDF, sealed on the ledger.</summary>
public sealed class DealSignature
{
    public Guid Id { get; set; }
    public Guid DealId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? UserId { get; set; }
    public string SignerName { get; set; } = "";
    public string PdfSha256 { get; set; } = "";
    public string PdfSm3 { get; set; } = "";
    public DateTime At { get; set; }
    public long? LedgerIndex { get; set; }
}
