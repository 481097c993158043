using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
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

    /// <summary>Seals the statements both sides confirmed and the payments recorded, those not sealed yet.</summary>
    public async Task SealRoyaltiesAsync(Guid licenseId, CancellationToken cancellationToken)
    {
        var license = await db.Licenses.AsNoTracking().SingleAsync(l => l.Id == licenseId, cancellationToken);
        var statements = await db.RoyaltyStatements.Where(s => s.LicenseId == licenseId).ToListAsync(cancellationToken);
        foreach (var statement in statements.Where(s => s.Confirmed && s.LedgerIndex is null).OrderBy(s => s.Period, StringComparer.Ordinal))
        {
            statement.LedgerIndex = await AppendOnceAsync(StatementRecord(license, statement), license.LicensorOrganizationId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        var ids = statements.ToDictionary(s => s.Id);
        var unsealed = await (from p in db.RoyaltyPayments
                              join s in db.RoyaltyStatements on p.StatementId equals s.Id
                              where s.LicenseId == licenseId && p.LedgerIndex == null
                              orderby p.At
                              select p).ToListAsync(cancellationToken);
        foreach (var payment in unsealed)
        {
            payment.LedgerIndex = await AppendOnceAsync(PaymentRecord(license, ids[payment.StatementId], payment), license.LicensorOrganizationId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The leaf of a statement both sides confirmed (payload v1): its month and content hash, not its
    /// amounts (receipts are public; what the hash covers is in each side's own copy).
    /// </summary>
    public static LedgerRecord StatementRecord(License license, Royalties.RoyaltyStatement s) =>
        LedgerRecord.Create(LedgerRecordType.License, JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["event"] = "statement-confirmed",
            ["license"] = license.Code,
            ["statement"] = s.Number,
            ["period"] = s.Period,
            ["contentSha256"] = s.ContentSha256,
            ["licensorConfirmedAt"] = Time(s.LicensorConfirmedAt!.Value),
            ["licenseeConfirmedAt"] = Time(s.LicenseeConfirmedAt!.Value),
        }));

    /// <summary>The leaf of a recorded payment (payload v1): the SHA-256 of its amount, date and reference, not the figures.</summary>
    public static LedgerRecord PaymentRecord(License license, Royalties.RoyaltyStatement s, Royalties.RoyaltyPayment p) =>
        LedgerRecord.Create(LedgerRecordType.License, JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["event"] = "payment-recorded",
            ["license"] = license.Code,
            ["statement"] = s.Number,
            ["payment"] = p.Id.ToString(),
            ["paymentSha256"] = PaymentSha256(s, p),
            ["organization"] = p.OrganizationId.ToString(),
            ["at"] = Time(p.At),
        }));

    /// <summary>SHA-256 of "statement|amount in minor units|currency|paid on|reference": what a payment's leaf binds.</summary>
    public static string PaymentSha256(Royalties.RoyaltyStatement s, Royalties.RoyaltyPayment p) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', s.Number,
            p.AmountMinor.ToString(CultureInfo.InvariantCulture), s.Currency, p.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Reference))));

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

    private Task<long> AppendOnceAsync(LedgerRecord record, Guid organizationId, CancellationToken cancellationToken) =>
        appender.AppendOnceAsync(ledger, record, organizationId, cancellationToken);

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
