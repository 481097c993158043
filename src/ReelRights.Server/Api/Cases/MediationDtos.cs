using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Mediation;

namespace ReelRights.Server.Api.Cases;

/// <summary>A case's mediation as its parties see it; document and agreement links are relative to the case (or the respondent's link).</summary>
public sealed record MediationDto(
    IReadOnlyList<SessionDto> Sessions,
    IReadOnlyList<MessageDto> Messages,
    IReadOnlyList<ProposalDto> Proposals,
    AgreementDto? Agreement,
    IReadOnlyList<CaseRole> Signers)
{
    public static MediationDto From(MediationView v, string basePath) => new(
        v.Sessions.Select(SessionDto.From).ToList(),
        v.Messages.Select(m => MessageDto.From(m, basePath)).ToList(),
        v.Proposals.Select(ProposalDto.From).ToList(),
        v.Agreement is { } a ? AgreementDto.From(a, v.Signatures, basePath) : null,
        v.Signers);
}

public sealed record SessionDto(Guid Id, DateTime StartsAt, string LocalStart, string TimeZone, int DurationMinutes, string? OnlineLink, string? Place, string? Note)
{
    public static SessionDto From(MediationSession s)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(s.StartsAt, DateTimeKind.Utc), zone);
        return new(s.Id, s.StartsAt, local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.TimeZone, s.DurationMinutes,
            s.OnlineLink, s.Place, s.Note);
    }
}

public sealed record MessageDto(Guid Id, CaseRole AuthorRole, string AuthorName, string Text, DateTime At, DocumentDto? Document)
{
    public static MessageDto From(CaseMessage m, string basePath) => new(m.Id, m.AuthorRole, m.AuthorName, m.Text, m.At,
        m.DocumentSha256 is { } sha ? new DocumentDto(m.DocumentName!, m.DocumentType!, m.DocumentSize ?? 0, sha, $"{basePath}/documents/{sha}") : null);
}

public sealed record DocumentDto(string Name, string Type, long Size, string Sha256, string Url);

public sealed record ProposalDto(Guid Id, int Sequence, CaseRole By, long AmountMinor, string Currency, string Amount, string PaymentSchedule, string TakedownScope,
    bool LicenseInstead, string? LicenseTerms, string? Note, ProposalState State, Guid? RespondsTo, DateTime CreatedAt,
    ReelRights.Server.Api.Licensing.TermsDto? LicenseGrant, Guid? LicenseeOrganizationId)
{
    public static ProposalDto From(SettlementProposal p) => new(p.Id, p.Sequence, p.ByRole, p.AmountMinor, p.Currency,
        SettlementAgreementHtml.FormatAmount(p.AmountMinor, p.Currency), p.PaymentSchedule, p.TakedownScope, p.LicenseInstead, p.LicenseTerms, p.Note, p.State,
        p.RespondsToId, p.CreatedAt,
        p.LicenseGrantJson is { } json ? ReelRights.Server.Api.Licensing.TermsDto.From(ReelRights.Core.Licensing.LicenseTerms.FromJson(json)) : null, p.LicenseeOrganizationId);
}

public sealed record AgreementDto(Guid Id, AgreementState State, string PdfSha256, string PdfSm3, string Pdf, string Html, DateTime CreatedAt,
    IReadOnlyList<SignatureDto> Signatures)
{
    public static AgreementDto From(SettlementAgreement a, IReadOnlyList<AgreementSignature> signatures, string basePath) =>
        new(a.Id, a.State, a.PdfSha256, a.PdfSm3, $"{basePath}/agreement.pdf", $"{basePath}/agreement.html", a.CreatedAt,
            signatures.Select(s => new SignatureDto(s.Role, s.SignerName, s.At, s.PdfSha256)).ToList());
}

public sealed record SignatureDto(CaseRole Role, string Signer, DateTime At, string PdfSha256);

/// <summary>A session: local date and time (e.g. 2026-12-10T14:00) in <c>timeZone</c> (Asia/Shanghai if omitted).</summary>
public sealed record SessionRequest(DateTime LocalStart, int DurationMinutes = 60, string? OnlineLink = null, string? Place = null, string? Note = null,
    string? TimeZone = null);

/// <summary>
/// A proposal; <c>respondsTo</c> makes it a counter-proposal to the other side's open one. With
/// <c>licenseInstead</c>, <c>licenseGrant</c> gives the license as terms (for the
/// case's platform): the settlement then grants it as a license in one step.
/// </summary>
public sealed record ProposalRequest(long AmountMinor, string Currency, string PaymentSchedule, string TakedownScope, bool LicenseInstead = false,
    string? LicenseTerms = null, string? Note = null, Guid? RespondsTo = null, ReelRights.Server.Api.Licensing.TermsDto? LicenseGrant = null)
{
    public ProposalInput ToInput() => new(AmountMinor, Currency, PaymentSchedule, TakedownScope, LicenseInstead, LicenseTerms, Note, RespondsTo,
        LicenseGrant?.ToTerms());
}

/// <summary>A message without a document (send multipart/form-data with <c>text</c> and <c>file</c> to attach one).</summary>
public sealed record MessageRequest(string Text);

public sealed record MediatorChoiceRequest(Guid MediatorOrganizationId);

/// <summary>Whether the choice made the mediator the case's (both sides chose it).</summary>
public sealed record MediatorChoiceDto(bool Assigned);

public sealed record MediatorDto(Guid Id, string Name);
