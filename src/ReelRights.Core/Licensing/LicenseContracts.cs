using System.Text;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Blobs;
using ReelRights.Core.Certificates;
using ReelRights.Core.Data;

namespace ReelRights.Core.Licensing;

/// <summary>Draws a deal's contract from its accepted terms: the HTML and the PDF printed from it, stored content-addressed, the PDF's SHA-256 and SM3 kept for the signatures.</summary>
public sealed class LicenseContracts(ReelRightsDbContext db, IBlobStore blobs, ChromiumPdfRenderer renderer, TimeProvider time)
{
    internal async Task DrawAsync(LicenseDeal deal, License license, CancellationToken cancellationToken)
    {
        var version = await db.DealVersions.AsNoTracking().SingleAsync(v => v.DealId == deal.Id && v.Number == deal.AcceptedVersion, cancellationToken);
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == deal.WorkId, cancellationToken);
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == deal.OwnerOrganizationId || o.Id == deal.BuyerOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var certificate = await db.Registrations.AsNoTracking().Where(r => r.WorkId == deal.WorkId && r.CertificateNumber != null)
            .OrderBy(r => r.CreatedAt).Select(r => r.CertificateNumber).FirstOrDefaultAsync(cancellationToken);
        var html = Encoding.UTF8.GetBytes(LicenseContractHtml.Render(new LicenseContractModel
        {
            DealNumber = deal.Number,
            LicenseCode = license.Code,
            DrawnAt = time.GetUtcNow().UtcDateTime,
            LicensorName = names[deal.OwnerOrganizationId],
            LicenseeName = names[deal.BuyerOrganizationId],
            WorkTitle = work.Title,
            WorkCode = work.Code,
            CertificateNumber = certificate,
            Terms = LicenseTerms.FromJson(version.TermsJson),
            AcceptedVersion = version.Number,
        }));
        var pdf = await renderer.RenderPdfAsync(Encoding.UTF8.GetString(html), cancellationToken);
        deal.ContractHtmlSha256 = (await blobs.PutAsync(new MemoryStream(html), html.Length, cancellationToken)).Sha256;
        deal.ContractPdfSha256 = (await blobs.PutAsync(new MemoryStream(pdf), pdf.Length, cancellationToken)).Sha256;
        deal.ContractPdfSm3 = Convert.ToHexStringLower(ReelRights.Ledger.Records.Sm3.HashData(pdf));
        license.ContractPdfSha256 = deal.ContractPdfSha256;
        license.ContractPdfSm3 = deal.ContractPdfSm3;
    }

    /// <summary>The stored bytes of one of the contract's files.</summary>
    public Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken) =>
        blobs.ReadAllBytesAsync(sha256, () => new ReelRightsException(ErrorKind.Unavailable, "contract-missing",
            "合同文件在存储中缺失；请联系管理员检查存储。", "The contract file is missing from storage; ask an operator to check the storage."), cancellationToken);
}
