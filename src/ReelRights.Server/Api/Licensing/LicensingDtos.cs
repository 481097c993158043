using ReelRights.Core.Licensing;

namespace ReelRights.Server.Api.Licensing;

public sealed record NewListingRequest(Guid WorkId, string? Title, TermsDto Terms, ListingVisibility Visibility = ListingVisibility.Public,
    IReadOnlyList<Guid>? Invited = null, string? Description = null, IReadOnlyList<string>? Tags = null);

public sealed record OfferRequest(TermsDto? Terms = null, string? Note = null);

public sealed record CounterRequest(TermsDto Terms, string? Note = null);

public sealed record AcceptRequest(int Version);

public sealed record SignRequest(string? ContractSha256);

public sealed record NoteRequest(string? Note = null);

public sealed record LicenseChannelRequest(Guid? PlatformOrganizationId = null, string? UrlPrefix = null);

public sealed record LicenseChannelDto(Guid Id, Guid? PlatformOrganizationId, string? UrlPrefix, DateTime CreatedAt)
{
    public static LicenseChannelDto From(LicenseChannel c) => new(c.Id, c.PlatformOrganizationId, c.UrlPrefix, c.CreatedAt);
}

/// <summary>A listing in the catalogue: the work, its episodes and minutes, its certificate, the terms asked, and where exclusive grants already hold.</summary>
public sealed record ListingDto(Guid Id, Guid WorkId, string WorkTitle, string WorkCode, string Owner, string Title, string? Description, IReadOnlyList<string> Tags,
    TermsDto Terms, ListingVisibility Visibility, ListingState State, int Episodes, double TotalMinutes, string? CertificateNumber,
    IReadOnlyList<string> ExclusivelyLicensedIn, DateTime CreatedAt)
{
    public static ListingDto From(CatalogueEntry e) => new(e.Listing.Id, e.Listing.WorkId, e.WorkTitle, e.WorkCode, e.OwnerName, e.Listing.Title,
        e.Listing.Description, e.Listing.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries), TermsDto.From(e.Terms), e.Listing.Visibility,
        e.Listing.State, e.Episodes, e.TotalMinutes, e.CertificateNumber, e.ExclusiveTerritories.Order(StringComparer.Ordinal).ToList(), e.Listing.CreatedAt);
}

public sealed record DealSummaryDto(Guid Id, string Number, DealState State, string StateZh, string StateEn, Guid ListingId, Guid WorkId, Guid Owner, Guid Buyer,
    int LatestVersion, int? AcceptedVersion, DateTime UpdatedAt)
{
    public static DealSummaryDto From(LicenseDeal d)
    {
        var (zh, en) = LicenseText.State(d.State);
        return new(d.Id, d.Number, d.State, zh, en, d.ListingId, d.WorkId, d.OwnerOrganizationId, d.BuyerOrganizationId, d.LatestVersion, d.AcceptedVersion, d.UpdatedAt);
    }
}

public sealed record DealVersionDto(int Number, Guid By, TermsDto Terms, string? Note, DateTime At);

public sealed record ContractSignatureDto(Guid Organization, string Signer, string PdfSha256, string PdfSm3, DateTime At, long? LedgerIndex, string? Receipt)
{
    public static ContractSignatureDto From(DealSignature s) =>
        new(s.OrganizationId, s.SignerName, s.PdfSha256, s.PdfSm3, s.At, s.LedgerIndex, s.LedgerIndex is { } i ? $"/api/ledger/receipts/{i}" : null);
}

/// <summary>A deal for one of its sides: every version, the contract (its PDF's digests, to sign), signatures, the license, and the moves open to the caller.</summary>
public sealed record DealDto(DealSummaryDto Deal, string ListingTitle, string WorkTitle, string WorkCode, string OwnerName, string BuyerName,
    IReadOnlyList<DealVersionDto> Versions, string? ContractPdfSha256, string? ContractPdfSm3, string? ContractPdf, IReadOnlyList<ContractSignatureDto> Signatures,
    string? LicenseCode, IReadOnlyList<string> Actions)
{
    public static DealDto From(DealView v) => new(DealSummaryDto.From(v.Deal), v.ListingTitle, v.WorkTitle, v.WorkCode, v.OwnerName, v.BuyerName,
        v.Versions.Select(x => new DealVersionDto(x.Number, x.ByOrganizationId, TermsDto.From(LicenseTerms.FromJson(x.TermsJson)), x.Note, x.CreatedAt)).ToList(),
        v.Deal.ContractPdfSha256, v.Deal.ContractPdfSm3, v.Deal.ContractPdfSha256 is null ? null : $"/api/deals/{v.Deal.Id}/contract.pdf",
        v.Signatures.Select(ContractSignatureDto.From).ToList(), v.License?.Code, v.Actions);
}

public sealed record LicenseEventDto(int Sequence, LicenseEventKind Kind, string? Note, DateTime At, long? LedgerIndex, string? Receipt);

/// <summary>
/// A license. For its two sides, with the full terms; in the public check (<c>/api/licenses/{code}/public</c>),
/// the scope without the price (nor the case a settlement license came from).
/// </summary>
public sealed record LicenseDto(string Code, LicenseState State, LicenseStanding Standing, string StandingZh, string StandingEn, Guid WorkId, string WorkTitle,
    string WorkCode, string Licensor, string Licensee, TermsDto? Terms, IReadOnlyList<LicenseRight> Rights, IReadOnlyList<string> Territories,
    IReadOnlyList<string> ExceptTerritories, string TerritoryZh, string TerritoryEn, DateOnly Start, DateOnly End, Exclusivity Exclusivity, DateTime? GrantedAt,
    string? ContractPdfSha256, string? ContractPdfSm3, IReadOnlyList<LicenseEventDto> History, IReadOnlyList<ContractSignatureDto> Signatures,
    string? CaseNumber = null)
{
    public static LicenseDto From(LicenseView v, bool withPrice)
    {
        var (zh, en) = StandingText(v.Standing);
        var territory = ReelRights.Core.Licensing.Territories.Describe(v.Terms.TerritoryCodes());
        var full = TermsDto.From(v.Terms);
        return new(v.License.Code, v.License.State, v.Standing, zh, en, v.License.WorkId, v.WorkTitle, v.WorkCode, v.LicensorName, v.LicenseeName,
            withPrice ? full : null, full.Rights, v.Terms.Territories, v.Terms.ExceptTerritories, territory.Zh, territory.En, v.License.Start, v.License.End,
            v.License.Exclusivity, v.License.GrantedAt, v.License.ContractPdfSha256, v.License.ContractPdfSm3,
            v.Events.Select(e => new LicenseEventDto(e.Sequence, e.Kind, e.Note, e.At, e.LedgerIndex, e.LedgerIndex is { } i ? $"/api/ledger/receipts/{i}" : null)).ToList(),
            v.Signatures.Select(ContractSignatureDto.From).ToList(), withPrice ? v.CaseNumber : null);
    }

    public static (string Zh, string En) StandingText(LicenseStanding s) => s switch
    {
        LicenseStanding.InForce => ("有效", "in force"),
        LicenseStanding.NotYetStarted => ("尚未开始", "not started yet"),
        LicenseStanding.Expired => ("已到期", "expired"),
        LicenseStanding.Terminated => ("已终止", "terminated"),
        LicenseStanding.Pending => ("待签署", "awaiting signatures"),
        _ => ("已取消", "cancelled"),
    };
}

/// <summary>A proposed change: <c>amend</c> or <c>renew</c>, with the full terms after it.</summary>
public sealed record AmendmentRequest(AmendmentKind Kind, TermsDto? Terms = null, string? Note = null);

public sealed record AmendmentDto(Guid Id, AmendmentKind Kind, AmendmentState State, Guid ProposedByOrganizationId, TermsDto Terms, string? Note,
    DateTime CreatedAt, DateTime? DecidedAt)
{
    public static AmendmentDto From(LicenseAmendment a) =>
        new(a.Id, a.Kind, a.State, a.ProposedByOrganizationId, TermsDto.From(LicenseTerms.FromJson(a.TermsJson)), a.Note, a.CreatedAt, a.DecidedAt);
}
