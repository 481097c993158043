using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Finance;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Tests.Finance;

/// <summary>A report is kept as computed, sealed with the digests of its content and PDF, verifiable offline, private to its owner, and comparable with a re-run.</summary>
public sealed class ValuationReportTests
{
    [Fact]
    public async Task Run_ThenSeal_LeafCarriesTheDigestsAndTheReceiptVerifiesOffline()
    {
        var seeded = await ValuationSignalsTests.SeedAsync("Sqlite");
        await using var env = seeded.Env;

        var report = await env.Get<ValuationService>().RunAsync(seeded.Owner, seeded.Work.Code, ValuationParameters.Default, CancellationToken.None);
        await env.RunDueJobsAsync(ValuationSealJob.JobKind);

        var view = await env.Get<ValuationService>().GetAsync(seeded.Owner, report.Number, CancellationToken.None);
        var index = view.Report.LedgerIndex.ShouldNotBeNull();
        var receipt = await env.Get<LedgerReader>().ReceiptAsync(index, CancellationToken.None);
        var db = env.Get<ReelRightsDbContext>();
        var tsa = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate((await db.LedgerStates.SingleAsync()).TsaCertificate);
        var keys = (await env.Get<LedgerKeyring>().AllKeysAsync(db, CancellationToken.None)).Select(k => NoteKeys.ParseVerifierKey(k.VerifierKey)).ToList();
        var verified = new ReceiptVerifier(keys, [tsa], requireTimestamp: true).Verify(Receipt.Parse(receipt.Encode()));
        verified.IsValid.ShouldBeTrue();
        verified.Record!.Type.ShouldBe(LedgerRecordType.Finance);
        var payload = JsonDocument.Parse(verified.Record.Payload).RootElement;
        payload.GetProperty("report").GetString().ShouldBe(report.Number);
        payload.GetProperty("contentSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(view.Report.ContentJson))));
        var pdf = await env.Get<ValuationService>().PdfAsync(seeded.Owner, report.Number, CancellationToken.None);
        payload.GetProperty("pdfSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        // Receipts are public: the leaf names the report but carries none of its figures.
        payload.EnumerateObject().Select(p => p.Name).ShouldBe(["at", "contentSha256", "event", "organization", "pdfSha256", "pdfSm3", "report", "work"], ignoreOrder: true);
        view.Content.Result.Range.CentralMinor.ShouldBe(report.CentralMinor);
        ValuationContent.FromJson(view.Report.ContentJson).ToJson().ShouldBe(view.Report.ContentJson);
    }

    [Fact]
    public async Task Seal_RunTwice_AppendsOneLeaf()
    {
        var seeded = await ValuationSignalsTests.SeedAsync("Sqlite");
        await using var env = seeded.Env;
        var report = await env.Get<ValuationService>().RunAsync(seeded.Owner, seeded.Work.Code, ValuationParameters.Default, CancellationToken.None);
        var job = new Job { Id = Guid.NewGuid(), Kind = ValuationSealJob.JobKind, Payload = ValuationSealJob.Payload(report.Id) };

        await using (var scope = env.NewScope())
        {
            await scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == ValuationSealJob.JobKind).RunAsync(job, _ => Task.CompletedTask, CancellationToken.None);
        }
        var sealedAt = await LedgerIndexAsync(env, report.Id);
        var size = (await env.Get<LedgerReader>().LatestCheckpointAsync(CancellationToken.None))?.TreeSize;
        await using (var scope = env.NewScope())
        {
            // A retried job after the leaf was appended but before the index was saved finds the leaf instead of appending it again.
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            (await db.ValuationReports.FindAsync(report.Id))!.LedgerIndex = null;
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == ValuationSealJob.JobKind).RunAsync(job, _ => Task.CompletedTask, CancellationToken.None);
        }

        sealedAt.ShouldNotBeNull();
        (await LedgerIndexAsync(env, report.Id)).ShouldBe(sealedAt);
        (await env.Get<LedgerReader>().LatestCheckpointAsync(CancellationToken.None))!.TreeSize.ShouldBe(size!.Value);
    }

    [Fact]
    public async Task Get_AnotherOrganization_DoesNotSeeTheReportOrTheWork()
    {
        var seeded = await ValuationSignalsTests.SeedAsync("Sqlite");
        await using var env = seeded.Env;
        var report = await env.Get<ValuationService>().RunAsync(seeded.Owner, seeded.Work.Code, ValuationParameters.Default, CancellationToken.None);
        var (_, stranger) = await env.CreateOrgAsync("陌生人");
        var valuation = env.Get<ValuationService>();

        (await Should.ThrowAsync<ReelRightsException>(() => valuation.GetAsync(stranger, report.Number, CancellationToken.None))).Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<ReelRightsException>(() => valuation.PdfAsync(stranger, report.Number, CancellationToken.None))).Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<ReelRightsException>(() => valuation.PreviewAsync(stranger, seeded.Work.Code, ValuationParameters.Default, CancellationToken.None))).Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<ReelRightsException>(() => valuation.RunAsync(stranger, seeded.Work.Id.ToString(), ValuationParameters.Default, CancellationToken.None))).Kind.ShouldBe(ErrorKind.NotFound);
    }

    [Fact]
    public async Task Compare_ReRunAfterANewStatement_ShowsWhatChanged()
    {
        var seeded = await ValuationSignalsTests.SeedAsync("Sqlite");
        await using var env = seeded.Env;
        var valuation = env.Get<ValuationService>();
        var first = await valuation.RunAsync(seeded.Owner, seeded.Work.Code, ValuationParameters.Default, CancellationToken.None);
        await using (var scope = env.NewScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
            var april = db.RoyaltyStatements.Single(s => s.Period == "2027-04");
            (april.LicensorConfirmedAt, april.LicenseeConfirmedAt) = (env.Time.GetUtcNow().UtcDateTime, env.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        env.Time.Advance(TimeSpan.FromHours(1));
        var second = await valuation.RunAsync(seeded.Owner, seeded.Work.Code, ValuationParameters.Default with { DiscountRatePercent = 15 }, CancellationToken.None);

        var comparison = await valuation.CompareAsync(seeded.Owner, second.Number, first.Number, CancellationToken.None);

        (comparison.Earlier, comparison.Later).ShouldBe((first.Number, second.Number));
        comparison.Rows.Single(r => r.En == "Months with statements").ShouldBe(new ComparisonRow("有结算的月份", "Months with statements", "3", "4", true));
        comparison.Rows.Single(r => r.En == "Annual discount rate").Changed.ShouldBeTrue();
        comparison.Rows.Single(r => r.En == "Income approach, central").Changed.ShouldBeTrue();
        comparison.Rows.Single(r => r.En == "Pirated copies").Changed.ShouldBeFalse();
        (await valuation.ListAsync(seeded.Owner, seeded.Work.Code, CancellationToken.None)).Select(r => r.Number).ShouldBe([second.Number, first.Number]);
    }

    private static async Task<long?> LedgerIndexAsync(CoreEnvironment env, Guid reportId)
    {
        await using var scope = env.NewScope();
        return (await scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>().ValuationReports.AsNoTracking().SingleAsync(r => r.Id == reportId)).LedgerIndex;
    }
}
