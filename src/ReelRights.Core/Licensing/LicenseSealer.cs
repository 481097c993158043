using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Licensing;

/// <summary>
/// Seals a deal's signatures and its license's steps as "license" ledger leaves. Like the case
/// sealer, a row is committed first and sealed right after; a leaf already appended before a crash
/// is found by its hash and never appended twice, and <see cref="LicenseSealJob"/> is the fallback.
/// The leaves state the license's scope but not its price: receipts are public, prices are not; the
/// full terms are bound by their SHA-256.
/// </summary>
public sealed class LicenseSealer(ReelRightsDbContext db, LedgerAppender appender, LedgerReader ledger)
{
    public async Task SealDealAsync(Guid dealId, CancellationToken cancellationToken)
    {
        var deal = await db.LicenseDeals.AsNoTracking().SingleAsync(d => d.Id == dealId, cancellationToken);
        var license = deal.LicenseId is { } id ? await db.Licenses.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken) : null;
        foreach (var signature in await db.DealSignatures.Where(s => s.DealId == dealId && s.LedgerIndex == null).OrderBy(s => s.At).ToListAsync(cancellationToken))
        {
            signature.LedgerIndex = await AppendOnceAsync(SignatureRecord(deal, license?.Code, signature), deal.OwnerOrganizationId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (license is not null)
        {
            await SealLicenseAsync(license.Id, cancellationToken);
        }
    }

    public async Task SealLicenseAsync(Guid licenseId, CancellationToken cancellationToken)
    {
        var license = await db.Licenses.AsNoTracking().SingleAsync(l => l.Id == licenseId, cancellationToken);
        foreach (var step in await db.LicenseEvents.Where(e => e.LicenseId == licenseId && e.LedgerIndex == null).OrderBy(e => e.Sequence).ToListAsync(cancellationToken))
        {
            step.LedgerIndex = await AppendOnceAsync(EventRecord(license, step), license.LicensorOrganizationId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The leaf of a signature over the contract PDF (payload v1).</summary>
    public static LedgerRecord SignatureRecord(LicenseDeal deal, string? licenseCode, DealSignature s) =>
        LedgerRecord.Create(LedgerRecordType.License, JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["event"] = "contract-signed",
            ["deal"] = deal.Id.ToString(),
            ["number"] = deal.Number,
            ["license"] = licenseCode,
            ["work"] = deal.WorkId.ToString(),
            ["organization"] = s.OrganizationId.ToString(),
            ["user"] = s.UserId?.ToString(),
            ["signer"] = s.SignerName,
            ["pdfSha256"] = s.PdfSha256,
            ["pdfSm3"] = s.PdfSm3,
            ["at"] = Time(s.At),
        }));

    /// <summary>The leaf of one step of a license (granted, amended, renewed, terminated; payload v1).</summary>
    public static LedgerRecord EventRecord(License license, LicenseEvent step)
    {
        var payload = new Dictionary<string, object?>
        {
            ["event"] = JsonNamingPolicy.KebabCaseLower.ConvertName(step.Kind.ToString()),
            ["license"] = license.Code,
            ["step"] = step.Sequence,
            ["work"] = license.WorkId.ToString(),
            ["licensor"] = license.LicensorOrganizationId.ToString(),
            ["licensee"] = license.LicenseeOrganizationId.ToString(),
            ["actor"] = step.ActorOrganizationId?.ToString(),
            ["at"] = Time(step.At),
            ["note"] = step.Note,
        };
        if (step.TermsJson is { } json)
        {
            var terms = LicenseTerms.FromJson(json);
            payload["scope"] = Scope(terms);
            payload["termsSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
            payload["contractPdfSha256"] = license.ContractPdfSha256;
            payload["contractPdfSm3"] = license.ContractPdfSm3;
        }
        return LedgerRecord.Create(LedgerRecordType.License, JsonSerializer.SerializeToElement(payload));
    }

    /// <summary>What a license covers, without its price: what anyone checking it needs to know.</summary>
    public static Dictionary<string, object?> Scope(LicenseTerms t) => new()
    {
        ["rights"] = Enum.GetValues<LicenseRight>().Where(r => r != LicenseRight.None && t.Rights.HasFlag(r))
            .Select(r => JsonNamingPolicy.KebabCaseLower.ConvertName(r.ToString())).ToList(),
        ["territories"] = t.Territories,
        ["exceptTerritories"] = t.ExceptTerritories,
        ["platforms"] = t.Platforms,
        ["languages"] = t.Languages,
        ["episodes"] = t.Episodes,
        ["start"] = t.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["end"] = t.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["exclusivity"] = JsonNamingPolicy.KebabCaseLower.ConvertName(t.Exclusivity.ToString()),
    };

    private async Task<long> AppendOnceAsync(LedgerRecord record, Guid organizationId, CancellationToken cancellationToken)
    {
        var existing = await ledger.EntryByLeafHashAsync(MerkleHasher.HashLeaf(record.ToCanonicalBytes()), cancellationToken);
        return existing?.LeafIndex ?? (await appender.AppendAsync(record, organizationId, cancellationToken)).LeafIndex;
    }

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
