using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Blobs;
using ReelRights.Core.Certificates;
using ReelRights.Core.Data;

namespace ReelRights.Core.Cases.Mediation;

/// <summary>
/// Draws the settlement agreement from the accepted proposal, stores its HTML and the PDF printed
/// from it, and checks signatures against the exact PDF. Who signs: the claimant and the other
/// side, which is the respondent once it has been reached through its link, else the platform.
/// </summary>
public sealed class SettlementAgreements(ReelRightsDbContext db, IBlobStore blobs, ChromiumPdfRenderer renderer, ISettlementLicensing licensing, TimeProvider time)
{
    /// <summary>The two roles whose signatures make the agreement.</summary>
    public static IReadOnlyList<CaseRole> Signers(EnforcementCase c) =>
        [CaseRole.Claimant, c.RespondentTokenHash is not null ? CaseRole.Respondent : CaseRole.Platform];

    /// <summary>The agreement not voided by a newer draft, or null.</summary>
    public Task<SettlementAgreement?> CurrentAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.SettlementAgreements.Where(a => a.CaseId == caseId && a.State != AgreementState.Void)
            .OrderByDescending(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    internal async Task<SettlementAgreement> DraftAsync(EnforcementCase c, Guid? userId, CancellationToken cancellationToken)
    {
        var proposal = await db.SettlementProposals.Where(p => p.CaseId == c.Id && p.State == ProposalState.Accepted)
            .OrderByDescending(p => p.Sequence).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ReelRightsException(ErrorKind.Conflict, "no-accepted-proposal",
                "尚无被接受的和解方案，无法拟定协议。", "No proposal has been accepted yet; there is nothing to draw the agreement from.");
        var now = CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
        var html = Encoding.UTF8.GetBytes(SettlementAgreementHtml.Render(await ModelAsync(c, proposal, now, cancellationToken)));
        var pdf = await renderer.RenderPdfAsync(Encoding.UTF8.GetString(html), cancellationToken);
        var htmlBlob = await blobs.PutAsync(new MemoryStream(html), html.Length, cancellationToken);
        var pdfBlob = await blobs.PutAsync(new MemoryStream(pdf), pdf.Length, cancellationToken);
        foreach (var old in await db.SettlementAgreements.Where(a => a.CaseId == c.Id && a.State != AgreementState.Void).ToListAsync(cancellationToken))
        {
            old.State = AgreementState.Void;
        }
        var agreement = new SettlementAgreement
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            ProposalId = proposal.Id,
            HtmlSha256 = htmlBlob.Sha256,
            PdfSha256 = pdfBlob.Sha256,
            PdfSm3 = Convert.ToHexStringLower(ReelRights.Ledger.Records.Sm3.HashData(pdf)),
            State = AgreementState.AwaitingSignatures,
            CreatedByUserId = userId,
            CreatedAt = now,
        };
        db.SettlementAgreements.Add(agreement);
        return agreement;
    }

    /// <summary>
    /// The agreement a signature by <paramref name="role"/> applies to, checked: the signer is one
    /// of the two parties, has not signed yet, and names the SHA-256 of the PDF as it stands.
    /// </summary>
    internal async Task<SettlementAgreement> ForSignatureAsync(EnforcementCase c, CaseRole role, string? pdfSha256, CancellationToken cancellationToken)
    {
        if (!Signers(c).Contains(role))
        {
            throw ReelRightsException.Forbidden("只有协议双方可以签署。", "Only the two parties to the agreement sign it.");
        }
        var agreement = await CurrentAsync(c.Id, cancellationToken)
            ?? throw new ReelRightsException(ErrorKind.Conflict, "no-agreement", "调解员尚未拟定协议。", "The mediator has not drafted the agreement yet.");
        var stated = Validation.HexDigest(pdfSha256, "agreementSha256");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stated), Encoding.ASCII.GetBytes(agreement.PdfSha256)))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "agreement-changed",
                "您签署的协议与当前协议不一致（协议已被修改），请重新阅读当前协议后再签署。",
                "The agreement you are signing is not the current one (it has changed); read the current agreement and sign again.");
        }
        if (await db.AgreementSignatures.AnyAsync(s => s.AgreementId == agreement.Id && s.Role == role, cancellationToken))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "already-signed", "您已签署此协议。", "You have already signed this agreement.");
        }
        return agreement;
    }

    /// <summary>Records the signature made by <paramref name="step"/>; the agreement is signed once both parties have.</summary>
    internal async Task AddSignatureAsync(EnforcementCase c, SettlementAgreement agreement, CaseEvent step, CancellationToken cancellationToken)
    {
        var signerName = await SignerNameAsync(c, step, cancellationToken);
        db.AgreementSignatures.Add(new AgreementSignature
        {
            Id = Guid.CreateVersion7(),
            AgreementId = agreement.Id,
            Role = step.ActorRole,
            OrganizationId = step.ActorOrganizationId,
            UserId = step.ActorUserId,
            SignerName = signerName,
            PdfSha256 = agreement.PdfSha256,
            PdfSm3 = agreement.PdfSm3,
            CaseEventId = step.Id,
            At = step.At,
        });
        var signed = await db.AgreementSignatures.Where(s => s.AgreementId == agreement.Id).Select(s => s.Role).ToListAsync(cancellationToken);
        if (Signers(c).All(r => r == step.ActorRole || signed.Contains(r)))
        {
            agreement.State = AgreementState.Signed;
        }
    }

    /// <summary>The settle step states the agreed terms; a license instead of a takedown is handed to the licensing hook.</summary>
    internal async Task<string> SettlementNoteAsync(EnforcementCase c, SettlementAgreement agreement, string? note, CancellationToken cancellationToken)
    {
        var proposal = await db.SettlementProposals.SingleAsync(p => p.Id == agreement.ProposalId, cancellationToken);
        var lines = new List<string>
        {
            $"和解金额 / compensation: {SettlementAgreementHtml.FormatAmount(proposal.AmountMinor, proposal.Currency)}",
            $"协议 PDF / agreement PDF: SHA-256 {agreement.PdfSha256}, SM3 {agreement.PdfSm3}",
        };
        if (proposal.LicenseInstead)
        {
            lines.Add(await licensing.GrantAsync(c, proposal, agreement, cancellationToken));
        }
        if (note is not null)
        {
            lines.Add(note);
        }
        return string.Join('\n', lines);
    }

    /// <summary>How a signature names its signer: the user and organization, or the respondent as it identified itself.</summary>
    private async Task<string> SignerNameAsync(EnforcementCase c, CaseEvent step, CancellationToken cancellationToken)
    {
        var (org, user) = (step.ActorOrganizationId, step.ActorUserId);
        if (step.ActorRole == CaseRole.Respondent)
        {
            return $"{c.RespondentName ?? "被投诉人 / respondent"}（一次性链接 / one-time link）";
        }
        var organization = org is { } o ? await db.Organizations.AsNoTracking().Where(x => x.Id == o).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var person = user is { } u ? await db.Users.AsNoTracking().Where(x => x.Id == u).Select(x => x.DisplayName + " <" + x.Email + ">").SingleOrDefaultAsync(cancellationToken) : null;
        return string.Join(" · ", new[] { person, organization }.OfType<string>());
    }

    /// <summary>The stored bytes of one of the agreement's files.</summary>
    public Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken) =>
        blobs.ReadAllBytesAsync(sha256, () => new ReelRightsException(ErrorKind.Unavailable, "agreement-missing",
            "协议文件在存储中缺失；请联系管理员检查存储。", "The agreement file is missing from storage; ask an operator to check the storage."), cancellationToken);

    private async Task<SettlementAgreementModel> ModelAsync(EnforcementCase c, SettlementProposal p, DateTime now, CancellationToken cancellationToken)
    {
        var claimant = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == c.ClaimantOrganizationId, cancellationToken);
        var mediator = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == c.MediatorOrganizationId, cancellationToken);
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == c.WorkId, cancellationToken);
        var locations = await db.CaseLocations.AsNoTracking().Where(l => l.CaseId == c.Id).OrderBy(l => l.Url).Select(l => l.Url).ToListAsync(cancellationToken);
        var other = Signers(c)[1] == CaseRole.Respondent
            ? new SettlementPartyLine("被投诉人", "Respondent", c.RespondentName ?? "（经一次性链接确认身份）", c.RespondentContact)
            : new SettlementPartyLine("网络服务提供者", "Platform", c.PlatformName, c.PlatformEmail);
        return new SettlementAgreementModel
        {
            CaseNumber = c.Number,
            DraftedAt = now,
            Claimant = new SettlementPartyLine("权利人", "Rights holder", claimant.Name, null),
            OtherSide = other,
            MediatorName = mediator.Name,
            PlatformName = c.PlatformName,
            WorkTitle = work.Title,
            WorkCode = work.Code,
            Locations = locations,
            AmountMinor = p.AmountMinor,
            Currency = p.Currency,
            PaymentSchedule = p.PaymentSchedule,
            TakedownScope = p.TakedownScope,
            LicenseTerms = p.LicenseInstead ? p.LicenseTerms : null,
            NoticeSha256 = c.NoticeSha256,
        };
    }
}
