using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Licensing;
using ReelRights.Core.Licensing.Royalties;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Licensing.Royalties;

/// <summary>
/// A licensee reports usage, both sides confirm the month's statement and a payment is recorded,
/// all sealed; a correction replaces earlier rows and voids stale confirmations; bad files are
/// refused whole with the row and column named.
/// </summary>
public sealed class RoyaltyServiceTests
{
    private static readonly LicenseTerms GuaranteePlusShare = LicensingSteps.SoleSoutheastAsia2027 with
    {
        Episodes = [1, 2],
        Platforms = ["Viu"],
        Price = new LicensePrice(PriceModel.MinimumGuaranteePlusShare, "CNY", SharePercent: 30m, MinimumGuaranteeMinor: 10_000_00),
    };

    private const string Header = "period,territory,platform,episode,views,revenue,currency,fx_rate\r\n";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Usage_BecomesAStatement_BothSidesConfirm_AndThePaymentIsSealed(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (owner, licensee, stranger, code) = await SetUpAsync(env);
        var csv = Header + "2027-01,TH,Viu,1,1000,20000.00,CNY,\r\n2027-02,vn,viu,2,500,100,USD,7.1\r\n\"2027-02\",TH,Viu,,200,19290,CNY,\r\n";

        await using (var scope = env.NewScope())
        {
            var royalties = scope.ServiceProvider.GetRequiredService<RoyaltyService>();
            var import = await royalties.ImportCsvAsync(licensee, code, "viu-2027-q1.csv", Encoding.UTF8.GetBytes(csv), CancellationToken.None);
            import.Rows.ShouldBe(3);
            (await Should.ThrowAsync<ReelRightsException>(() => royalties.ImportCsvAsync(licensee, code, "again.csv", Encoding.UTF8.GetBytes(csv), CancellationToken.None)))
                .Code.ShouldBe("usage-already-imported");
            (await Should.ThrowAsync<ReelRightsException>(() => royalties.ImportCsvAsync(owner, code, "x.csv", Encoding.UTF8.GetBytes(csv), CancellationToken.None)))
                .Kind.ShouldBe(ErrorKind.Forbidden);
        }
        var january = await PrepareAsync(env, owner, code, "2027-01");
        var february = await PrepareAsync(env, licensee, code, "2027-02");

        january.Statement.OwedMinor.ShouldBe(10_000_00); // the guarantee; its 6,000 share is recouped
        february.Statement.Revenue.ShouldBe(20_000m); // 100 USD × 7.1 + 19,290 CNY
        february.Statement.OwedMinor.ShouldBe(2_000_00); // cumulative share 12,000 passes the guarantee by 2,000
        february.Lines.Count.ShouldBe(2);

        // A correction of one row replaces it; the statement redrawn has new content, so the old hash no longer confirms it.
        await using (var scope = env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoyaltyService>().ReportAsync(licensee, code,
                [new UsageRow(0, "2027-02", "TH", "Viu", null, 300, 29_290m, "CNY")], CancellationToken.None);
        }
        var corrected = await PrepareAsync(env, owner, code, "2027-02");
        await using (var scope = env.NewScope())
        {
            var royalties = scope.ServiceProvider.GetRequiredService<RoyaltyService>();
            (await Should.ThrowAsync<ReelRightsException>(() => royalties.ConfirmAsync(licensee, february.Statement.Number, february.Statement.ContentSha256, CancellationToken.None)))
                .Code.ShouldBe("statement-changed");
            await royalties.ConfirmAsync(licensee, corrected.Statement.Number, corrected.Statement.ContentSha256, CancellationToken.None);
            (await Should.ThrowAsync<ReelRightsException>(() => royalties.ConfirmAsync(licensee, corrected.Statement.Number, corrected.Statement.ContentSha256, CancellationToken.None)))
                .Code.ShouldBe("already-confirmed");
            (await Should.ThrowAsync<ReelRightsException>(() => royalties.RecordPaymentAsync(licensee, corrected.Statement.Number, 100, new DateOnly(2027, 3, 1), "T1", CancellationToken.None)))
                .Code.ShouldBe("statement-not-confirmed");
            await royalties.ConfirmAsync(owner, corrected.Statement.Number, corrected.Statement.ContentSha256, CancellationToken.None);
        }
        await using (var scope = env.NewScope())
        {
            var royalties = scope.ServiceProvider.GetRequiredService<RoyaltyService>();
            var closed = await Should.ThrowAsync<ReelRightsException>(() => royalties.ReportAsync(licensee, code,
                [new UsageRow(0, "2027-02", "TH", "Viu", 1, 1, 1m, "CNY")], CancellationToken.None));
            closed.MessageEn.ShouldContain("Row 1, column period");
            (await Should.ThrowAsync<ReelRightsException>(() => royalties.RecordPaymentAsync(licensee, corrected.Statement.Number, 5_000_01, new DateOnly(2027, 3, 1), "T1", CancellationToken.None)))
                .Code.ShouldBe("invalid-amount");
            (await Should.ThrowAsync<ReelRightsException>(() => royalties.GetAsync(stranger, corrected.Statement.Number, CancellationToken.None)))
                .Kind.ShouldBe(ErrorKind.NotFound);
            await royalties.RecordPaymentAsync(licensee, corrected.Statement.Number, 5_000_00, new DateOnly(2027, 3, 1), "招行 20270301-0042", CancellationToken.None);
        }
        var paid = await env.Get<RoyaltyService>().GetAsync(owner, corrected.Statement.Number, CancellationToken.None);
        var exported = Encoding.UTF8.GetString(RoyaltyStatements.Csv(paid));

        corrected.Statement.OwedMinor.ShouldBe(5_000_00); // shares 6,000 + 9,000 = 15,000, 5,000 beyond the guarantee
        corrected.Statement.Views.ShouldBe(800);
        paid.Statement.Confirmed.ShouldBeTrue();
        paid.Statement.LedgerIndex.ShouldNotBeNull();
        paid.Payments.Single().LedgerIndex.ShouldNotBeNull();
        paid.OutstandingMinor.ShouldBe(0);
        exported.ShouldContain("应付 / Owed,5000.00");
        exported.ShouldContain("2027-02,VN,viu,2,500,100,USD,7.1,710");
        exported.ShouldContain("招行 20270301-0042");
        (await PrepareAsync(env, owner, code, "2027-02")).Statement.ContentSha256.ShouldBe(corrected.Statement.ContentSha256); // fixed once confirmed
    }

    [Theory]
    [InlineData("period,territory,platform,episode,views,income,currency\r\n2027-01,TH,Viu,1,1,1,CNY\r\n", 1, "revenue")]
    [InlineData(Header + "2027-01,TH,Viu,1,1,1,CNY,\r\n2027-01,TH,Viu,9,1,1,CNY,\r\n", 3, "episode")]
    [InlineData(Header + "2027-01,TH,Viu,1,-5,1,CNY,\r\n", 2, "views")]
    [InlineData(Header + "2027-01,TH,Viu,1,1,1,CNY,\r\n2027-01,VN,Viu,1,1,100,USD,\r\n", 3, "fx_rate")]
    [InlineData("period,territory,platform,episode,views,revenue,currency\r\n2027-01,VN,Viu,1,1,100,USD\r\n", 2, "fx_rate")]
    [InlineData(Header + "2028-01,TH,Viu,1,1,1,CNY,\r\n", 2, "period")]
    [InlineData(Header + "2027-04,TH,Viu,1,1,1,CNY,\r\n", 2, "period")] // not begun yet on 5 March 2027
    [InlineData(Header + "2027-01,US,Viu,1,1,1,CNY,\r\n", 2, "territory")]
    [InlineData(Header + "2027-01,TH,Netflix,1,1,1,CNY,\r\n", 2, "platform")]
    [InlineData(Header + "2027-01,TH,Viu,1,1,1,CNY,\r\n2027-01,TH,viu,1,2,2,CNY,\r\n", 3, "*")]
    [InlineData(Header + "2027-01,TH,Viu,1,1,1.5.5,CNY,\r\n", 2, "revenue")]
    public async Task BadUsage_IsRefusedWhole_NamingTheRowAndColumn(string csv, int row, string column)
    {
        await using var env = await CoreEnvironment.CreateAsync("Sqlite");
        var (_, licensee, _, code) = await SetUpAsync(env);

        var refused = await Should.ThrowAsync<ReelRightsException>(() =>
            env.Get<RoyaltyService>().ImportCsvAsync(licensee, code, "bad.csv", Encoding.UTF8.GetBytes(csv), CancellationToken.None));

        refused.Code.ShouldBe("invalid-usage");
        refused.MessageEn.ShouldStartWith("No usage was imported");
        refused.MessageEn.ShouldContain($"Row {row}, column {column}:");
        refused.Details.ShouldNotBeNull().ShouldNotBeEmpty();
        var db = env.Get<ReelRightsDbContext>();
        (await db.UsageLines.CountAsync()).ShouldBe(0);
        (await db.UsageImports.CountAsync()).ShouldBe(0);
    }

    private static async Task<RoyaltyStatementView> PrepareAsync(CoreEnvironment env, Actor actor, string code, string period)
    {
        await using var scope = env.NewScope();
        return await scope.ServiceProvider.GetRequiredService<RoyaltyService>().PrepareAsync(actor, code, period, CancellationToken.None);
    }

    private static async Task<(Actor Owner, Actor Licensee, Actor Stranger, string Code)> SetUpAsync(CoreEnvironment env)
    {
        env.Time.Advance(new DateTimeOffset(2027, 3, 5, 2, 0, 0, TimeSpan.Zero) - env.Time.GetUtcNow());
        var (_, owner) = await env.CreateOrgAsync("星河影业");
        var (_, licensee) = await env.CreateOrgAsync("Viu 东南亚", OrganizationKind.Licensee);
        var (_, stranger) = await env.CreateOrgAsync("另一家发行方", OrganizationKind.Licensee);
        var work = await env.Get<WorkService>().CreateAsync(owner, new CreateWorkRequest("替身新娘", WorkType.MicroDrama), CancellationToken.None);
        await LicensingSteps.AddEpisodesAsync(env, owner, work.Id, 2);
        return (owner, licensee, stranger, await LicensingSteps.GrantAsync(env, owner, licensee, work.Id, GuaranteePlusShare));
    }
}
