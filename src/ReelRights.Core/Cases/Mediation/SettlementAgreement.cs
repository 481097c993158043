namespace ReelRights.Core.Cases.Mediation;

/// <summary>
/// The settlement agreement drawn from an accepted proposal: bilingual HTML and the PDF printed
/// from it, both stored content-addressed. Signatures are over the PDF's SHA-256 and SM3; a new
/// draft voids the previous one and every signature on it.
/// </summary>
public sealed class SettlementAgreement
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid ProposalId { get; set; }
    public string HtmlSha256 { get; set; } = "";
    public string PdfSha256 { get; set; } = "";
    public string PdfSm3 { get; set; } = "";
    public AgreementState State { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum AgreementState
{
    AwaitingSignatures,
    Signed,
    /// <summary>Replaced by a newer draft.</summary>
    Void,
}

/// <summary>One party's signature: who, when, over which exact PDF; sealed as the case's sign-agreement step.</summary>
public sealed class AgreementSignature
{
    public Guid Id { get; set; }
    public Guid AgreementId { get; set; }
    public CaseRole Role { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? UserId { get; set; }
    public string SignerName { get; set; } = "";
    public string PdfSha256 { get; set; } = "";
    public string PdfSm3 { get; set; } = "";
    public Guid CaseEventId { get; set; }
    public DateTime At { get; set; }
}
