using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Finance;

/// <summary>
/// Seals a valuation report on the ledger: a "finance" leaf with the report's number, the work, and the
/// SHA-256 of its content JSON and PDF (payload v1). Receipts are public, so the leaf carries no figures.
/// Idempotent: a leaf already appended is found by its hash instead of appended twice.
/// </summary>
public sealed class ValuationSealJob(ReelRightsDbContext db, LedgerAppender appender, LedgerReader ledger) : IJobHandler
{
    /// <summary>The job's kind.</summary>
    public const string JobKind = "valuation-seal";

    /// <inheritdoc />
    public string Kind => JobKind;

    /// <summary>The job's payload for a report.</summary>
    public static string Payload(Guid reportId) => JsonSerializer.Serialize(new { reportId });

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        var id = JsonDocument.Parse(job.Payload).RootElement.GetProperty("reportId").GetGuid();
        var report = await db.ValuationReports.SingleAsync(r => r.Id == id, cancellationToken);
        if (report.LedgerIndex is null)
        {
            var workCode = await db.Works.Where(w => w.Id == report.WorkId).Select(w => w.Code).SingleAsync(cancellationToken);
            report.LedgerIndex = await appender.AppendOnceAsync(ledger, Record(report, workCode), report.OrganizationId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return JobOutcome.Done;
    }

    /// <summary>The leaf of a report (payload v1).</summary>
    public static LedgerRecord Record(ValuationReport report, string workCode) =>
        LedgerRecord.Create(LedgerRecordType.Finance, JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["event"] = "valuation-report",
            ["report"] = report.Number,
            ["work"] = workCode,
            ["organization"] = report.OrganizationId.ToString(),
            ["contentSha256"] = report.ContentSha256,
            ["pdfSha256"] = report.PdfSha256,
            ["pdfSm3"] = report.PdfSm3,
            ["at"] = report.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        }));
}
