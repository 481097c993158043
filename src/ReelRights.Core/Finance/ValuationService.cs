using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Blobs;
using ReelRights.Core.Certificates;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Works;

namespace ReelRights.Core.Finance;

/// <summary>
/// Valuation of a work for its owner: the declared profile, a preview of the signals, and reports that
/// are run, kept exactly as computed (content JSON, bilingual PDF), sealed on the ledger and compared.
/// </summary>
public sealed class ValuationService(
    ReelRightsDbContext db, SignalCollector signals, MarketComparables market, ChromiumPdfRenderer renderer, IBlobStore blobs, JobQueue jobs, AuditLog audit,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Most genre tags a work may carry.</summary>
    public const int MaxGenres = 10;

    /// <summary>The owner's work named by id or code.</summary>
    public async Task<Work> WorkAsync(Actor actor, string work, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.FinanceRead);
        var id = Guid.TryParse(work, out var parsed) ? parsed : (Guid?)null;
        return await db.Works.AsNoTracking()
            .SingleOrDefaultAsync(w => w.OrganizationId == actor.OrganizationId && (id != null ? w.Id == id : w.Code == work), cancellationToken)
            ?? throw ReelRightsException.NotFound("作品");
    }

    /// <summary>The work's declared profile, empty when none was saved.</summary>
    public async Task<ValuationProfile> ProfileAsync(Actor actor, string work, CancellationToken cancellationToken)
    {
        var found = await WorkAsync(actor, work, cancellationToken);
        return await db.ValuationProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.WorkId == found.Id, cancellationToken)
            ?? new ValuationProfile { WorkId = found.Id, OrganizationId = found.OrganizationId };
    }

    /// <summary>Saves what the owner declares; every field is checked and replaced as a whole.</summary>
    public async Task<ValuationProfile> SaveProfileAsync(Actor actor, string work, ProfileInput input, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.FinanceWrite);
        var found = await WorkAsync(actor, work, cancellationToken);
        var genres = (input.Genres ?? []).Select(g => Validation.Text(g, "genres", 40).ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (genres.Count > MaxGenres)
        {
            throw ReelRightsException.Invalid("invalid-genres", $"题材标签最多 {MaxGenres} 个。", $"At most {MaxGenres} genre tags.");
        }
        string? currency = null;
        if (input.ProductionCostMinor is { } cost)
        {
            if (cost is <= 0 or > 1_000_000_000_000_00)
            {
                throw ReelRightsException.Invalid("invalid-cost", "制作成本应大于 0。", "The production cost must be above 0.");
            }
            currency = Validation.Currency(input.ProductionCostCurrency);
        }
        var today = Licensing.LicensingClock.Today(time);
        if (input.FirstPublishedOn is { } published && (published > today || published.Year < 1900))
        {
            throw ReelRightsException.Invalid("invalid-date", "首次发表日期不能晚于今天。", "The first publication date cannot be after today.");
        }
        var profile = await db.ValuationProfiles.SingleOrDefaultAsync(p => p.WorkId == found.Id, cancellationToken);
        if (profile is null)
        {
            profile = new ValuationProfile { WorkId = found.Id, OrganizationId = found.OrganizationId };
            db.ValuationProfiles.Add(profile);
        }
        profile.GenresJson = JsonSerializer.Serialize(genres, Json);
        profile.ProductionCostMinor = input.ProductionCostMinor;
        profile.ProductionCostCurrency = currency;
        profile.FirstPublishedOn = input.FirstPublishedOn;
        profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
        profile.UpdatedBy = actor.UserId;
        audit.Record(actor, actor.OrganizationId, "valuation.profile", found.Id.ToString(), string.Join(',', genres));
        await db.SaveChangesAsync(cancellationToken);
        return profile;
    }

    /// <summary>The signals and what the approaches make of them now, without keeping a report.</summary>
    public async Task<ValuationContent> PreviewAsync(Actor actor, string work, ValuationParameters parameters, CancellationToken cancellationToken)
    {
        var found = await WorkAsync(actor, work, cancellationToken);
        return await ComputeAsync(found, parameters.Validate(), "", cancellationToken);
    }

    /// <summary>Runs a report: computes it, keeps its content and PDF, and queues its sealing in the same commit.</summary>
    public async Task<ValuationReport> RunAsync(Actor actor, string work, ValuationParameters parameters, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.FinanceWrite);
        var found = await WorkAsync(actor, work, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var content = await ComputeAsync(found, parameters.Validate(), ReadableCodes.New("VR", now), cancellationToken);
        var json = content.ToJson();
        var pdf = await renderer.RenderPdfAsync(ValuationReportHtml.Render(content), cancellationToken);
        var report = new ValuationReport
        {
            Id = Guid.CreateVersion7(),
            Number = content.Number,
            OrganizationId = found.OrganizationId,
            WorkId = found.Id,
            Currency = content.Parameters.Currency,
            ContentJson = json,
            ContentSha256 = Sha256(json),
            PdfSha256 = (await blobs.PutAsync(new MemoryStream(pdf), pdf.Length, cancellationToken)).Sha256,
            PdfSm3 = Convert.ToHexStringLower(ReelRights.Ledger.Records.Sm3.HashData(pdf)),
            LowMinor = content.Result.Range.LowMinor,
            CentralMinor = content.Result.Range.CentralMinor,
            HighMinor = content.Result.Range.HighMinor,
            CreatedAt = now,
            CreatedBy = actor.UserId,
        };
        db.ValuationReports.Add(report);
        jobs.Enqueue(ValuationSealJob.JobKind, ValuationSealJob.Payload(report.Id), found.OrganizationId);
        audit.Record(actor, actor.OrganizationId, "valuation.run", report.Number, $"{found.Code} {report.Currency} {report.CentralMinor}");
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    /// <summary>Reports of the owner's work, newest first, without their content.</summary>
    public async Task<IReadOnlyList<ValuationReport>> ListAsync(Actor actor, string work, CancellationToken cancellationToken)
    {
        var found = await WorkAsync(actor, work, cancellationToken);
        return await Summaries(db.ValuationReports.Where(r => r.WorkId == found.Id)).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The latest report of each of the organization's works, without its content.</summary>
    public async Task<IReadOnlyDictionary<Guid, ValuationReport>> LatestAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.FinanceRead);
        var reports = await Summaries(db.ValuationReports.Where(r => r.OrganizationId == actor.OrganizationId)).ToListAsync(cancellationToken);
        return reports.GroupBy(r => r.WorkId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.CreatedAt)!);
    }

    /// <summary>Reports as listed: every column but the content JSON, which lists never show.</summary>
    private static IQueryable<ValuationReport> Summaries(IQueryable<ValuationReport> reports) => reports.AsNoTracking().Select(r => new ValuationReport
    {
        Id = r.Id, Number = r.Number, OrganizationId = r.OrganizationId, WorkId = r.WorkId, Currency = r.Currency, ContentSha256 = r.ContentSha256,
        PdfSha256 = r.PdfSha256, PdfSm3 = r.PdfSm3, LowMinor = r.LowMinor, CentralMinor = r.CentralMinor, HighMinor = r.HighMinor, CreatedAt = r.CreatedAt,
        CreatedBy = r.CreatedBy, LedgerIndex = r.LedgerIndex,
    });

    /// <summary>One report of the actor's organization.</summary>
    public async Task<ValuationReportView> GetAsync(Actor actor, string number, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.FinanceRead);
        var report = await db.ValuationReports.AsNoTracking().SingleOrDefaultAsync(r => r.Number == number && r.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("估值报告");
        return new ValuationReportView(report, ValuationContent.FromJson(report.ContentJson), report.WorkId);
    }

    /// <summary>Two reports of the same work side by side, the earlier first.</summary>
    public async Task<ValuationComparison> CompareAsync(Actor actor, string first, string second, CancellationToken cancellationToken)
    {
        var a = await GetAsync(actor, first, cancellationToken);
        var b = await GetAsync(actor, second, cancellationToken);
        if (a.WorkId != b.WorkId)
        {
            throw ReelRightsException.Invalid("different-works", "只能比较同一作品的两份估值报告。", "Only two reports of the same work can be compared.");
        }
        return a.Report.CreatedAt <= b.Report.CreatedAt ? ValuationComparison.Of(a.Content, b.Content) : ValuationComparison.Of(b.Content, a.Content);
    }

    /// <summary>The PDF of a report.</summary>
    public async Task<byte[]> PdfAsync(Actor actor, string number, CancellationToken cancellationToken)
    {
        var view = await GetAsync(actor, number, cancellationToken);
        return await blobs.ReadAllBytesAsync(view.Report.PdfSha256 ?? "", () => new ReelRightsException(ErrorKind.Unavailable, "report-missing",
            "报告文件在存储中缺失；请联系管理员检查存储。", "The report file is missing from storage; ask an operator to check the storage."), cancellationToken);
    }

    private async Task<ValuationContent> ComputeAsync(Work work, ValuationParameters parameters, string number, CancellationToken cancellationToken)
    {
        var collected = await signals.CollectAsync(work, parameters.Currency, cancellationToken);
        var territories = collected.Territories.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var comparables = await market.FindAsync(work, collected.Declared.Genres, collected.Episodes.Registered, territories, parameters.Currency, cancellationToken);
        return new ValuationContent(ValuationContent.CurrentFormat, number, time.GetUtcNow().UtcDateTime, parameters, collected,
            ValuationCalculator.Compute(collected, comparables, parameters));
    }

    /// <summary>Lower-case hex SHA-256 of a text's UTF-8 bytes.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
