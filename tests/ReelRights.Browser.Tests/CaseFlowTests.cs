using System.Net.Http.Json;
using Microsoft.Playwright;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReelRights.Core.Accounts;
using ReelRights.Testing;

namespace ReelRights.Browser.Tests;

/// <summary>
/// Cases in the browser, with screenshots kept as test artefacts: a notice case walked to the
/// reasonable period (claimant, platform, respondent through its one-time link), and one settled
/// by mediation (claimant, platform, respondent and mediator) whose package verifies offline.
/// </summary>
public sealed partial class CaseFlowTests
{
    [Fact]
    public async Task NoticeCase_ClaimantPlatformAndRespondent_WalkItToTheReasonablePeriod()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var claimant = await server.CreateTenantAsync("星河影业");
        var platform = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        using var api = server.CreateClient(claimant.ApiKey);
        var work = (await (await api.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var opened = await (await api.PostAsJsonAsync("/api/cases", new
        {
            workId = work,
            platform = new { organizationId = platform.Organization.Id },
            locations = new[] { new { url = "https://video.example/v/88", platformItemId = "88" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = opened[0].GetProperty("id").GetString();
        await using var chromium = await Chromium.LaunchAsync();

        var claimantPage = await chromium.NewPageAsync();
        await SignInAsync(claimantPage, server, claimant);
        await claimantPage.ClickAsync("#nav-cases");
        var list = await claimantPage.InnerTextAsync("#cases");
        await claimantPage.ClickAsync($"#cases a[href='/cases/{id}']");
        await claimantPage.ClickAsync("form[data-action=SendNotice] button");
        var sent = await claimantPage.InnerTextAsync("#flash");
        await Chromium.ScreenshotAsync(claimantPage, "case-notice-sent");

        var platformPage = await chromium.NewPageAsync();
        await SignInAsync(platformPage, server, platform);
        await platformPage.GotoAsync(Url(server, $"/cases/{id}"));
        await platformPage.SelectOptionAsync("form[data-action=RecordMeasure] select", "Removed");
        await platformPage.ClickAsync("form[data-action=RecordMeasure] button");
        await platformPage.ClickAsync("form[data-action=ForwardToRespondent] button");
        var forwarded = await platformPage.InnerTextAsync("#flash");
        var link = RespondentLink().Match(forwarded).Value;

        var respondentPage = await chromium.NewPageAsync();
        await respondentPage.GotoAsync(link);
        await respondentPage.FillAsync("#cn-name", "李某");
        await respondentPage.FillAsync("#cn-contact", "li@example.test");
        await respondentPage.FillAsync("#cn-grounds", "视频为本人原创拍摄，附原始素材。");
        await respondentPage.ClickAsync("#cn-submit");
        var done = await respondentPage.InnerTextAsync("#respond-done");
        await Chromium.ScreenshotAsync(respondentPage, "case-counter-notice");

        await platformPage.ReloadAsync();
        await platformPage.ClickAsync("form[data-action=ForwardCounterNotice] button");
        await claimantPage.ReloadAsync();
        var state = await claimantPage.InnerTextAsync("#case-state");
        var clock = await claimantPage.InnerTextAsync("#deadlines");
        var steps = await claimantPage.Locator("#timeline li.step").CountAsync();
        var receipt = await claimantPage.GetAttributeAsync("#timeline li.step:last-child a.receipt", "href");
        await Chromium.ScreenshotAsync(claimantPage, "case-reasonable-period");

        list.ShouldContain("替身新娘");
        sent.ShouldContain("通知已送达");
        link.ShouldStartWith(server.BaseAddress.ToString().TrimEnd('/') + "/respond/");
        done.ShouldContain("不侵权声明已提交");
        state.ShouldContain("不侵权声明已转送");
        clock.ShouldContain("投诉或起诉的合理期限");
        clock.ShouldContain("20 个工作日");
        clock.ShouldContain("还剩");
        steps.ShouldBe(6);
        (await api.GetStringAsync(receipt)).ShouldStartWith("reelrights/receipt@v1");
    }

    [Fact]
    public async Task Mediation_ClaimantPlatformRespondentAndMediator_SettleAndThePackageVerifies()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var claimant = await server.CreateTenantAsync("星河影业");
        var platform = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        var mediator = await server.CreateTenantAsync("杭州版权调解中心", OrganizationKind.Mediator);
        var op = await server.CreateTenantAsync("平台运营方", OrganizationKind.Operator);
        using var api = server.CreateClient(claimant.ApiKey);
        using var opApi = server.CreateClient(op.ApiKey);
        var work = (await (await api.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var id = (await (await api.PostAsJsonAsync("/api/cases", new
        {
            workId = work,
            platform = new { organizationId = platform.Organization.Id },
            locations = new[] { new { url = "https://video.example/v/99", platformItemId = "99" } },
        })).Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();
        await using var chromium = await Chromium.LaunchAsync();

        // Notice, measure, forwarded; the respondent asks for mediation through its link.
        var claimantPage = await chromium.NewPageAsync();
        await SignInAsync(claimantPage, server, claimant);
        await claimantPage.GotoAsync(Url(server, $"/cases/{id}"));
        await claimantPage.ClickAsync("form[data-action=SendNotice] button");
        var platformPage = await chromium.NewPageAsync();
        await SignInAsync(platformPage, server, platform);
        await platformPage.GotoAsync(Url(server, $"/cases/{id}"));
        await platformPage.SelectOptionAsync("form[data-action=RecordMeasure] select", "Removed");
        await platformPage.ClickAsync("form[data-action=RecordMeasure] button");
        await platformPage.ClickAsync("form[data-action=ForwardToRespondent] button");
        var link = RespondentLink().Match(await platformPage.InnerTextAsync("#flash")).Value;
        var respondentPage = await chromium.NewPageAsync();
        await respondentPage.GotoAsync(link);
        await respondentPage.ClickAsync("form[data-action=ProposeMediation] button");
        var proposed = await respondentPage.InnerTextAsync("#respond-done");

        // The operator assigns the mediator, who accepts and schedules a session.
        (await opApi.PostAsJsonAsync($"/api/cases/{id}/mediator", new { mediatorOrganizationId = mediator.Organization.Id })).EnsureSuccessStatusCode();
        var mediatorPage = await chromium.NewPageAsync();
        await SignInAsync(mediatorPage, server, mediator);
        await mediatorPage.GotoAsync(Url(server, $"/cases/{id}"));
        await mediatorPage.ClickAsync("form[data-action=AcceptMediation] button");
        var when = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(3), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        await mediatorPage.FillAsync("#session-form input[name=localStart]", when.ToString("yyyy-MM-dd'T'14:30", System.Globalization.CultureInfo.InvariantCulture));
        await mediatorPage.FillAsync("#session-form input[name=onlineLink]", "https://meet.example/room/9");
        await mediatorPage.ClickAsync("#session-form button");
        var sessions = await mediatorPage.InnerTextAsync("#sessions");

        // The claimant asks 20,000; the respondent counters 8,000 and writes; the claimant accepts.
        await claimantPage.ReloadAsync();
        await claimantPage.FillAsync("#propose-form input[name=amount]", "20000");
        await claimantPage.FillAsync("#propose-form input[name=paymentSchedule]", "签署后 15 日内一次付清");
        await claimantPage.FillAsync("#propose-form input[name=takedownScope]", "全部副本");
        await claimantPage.ClickAsync("#propose-form button");
        await respondentPage.GotoAsync(link);
        await respondentPage.FillAsync("#propose-form input[name=amount]", "8000");
        await respondentPage.FillAsync("#propose-form input[name=paymentSchedule]", "分两期支付");
        await respondentPage.FillAsync("#propose-form input[name=takedownScope]", "全部副本");
        await respondentPage.ClickAsync("#propose-form button");
        await respondentPage.FillAsync("#message-form input[name=text]", "我方同意下架并赔偿 / we take it down and pay");
        await respondentPage.ClickAsync("#message-form button");
        await Chromium.ScreenshotAsync(respondentPage, "mediation-respondent-counter");
        await claimantPage.ReloadAsync();
        await claimantPage.ClickAsync("#proposals tr[data-proposal='2'] form button");
        var proposals = await claimantPage.InnerTextAsync("#proposals");

        // The mediator drafts the agreement; both sides sign the PDF they read; the mediator settles.
        await mediatorPage.ReloadAsync();
        await mediatorPage.ClickAsync("#draft-form button");
        await claimantPage.ReloadAsync();
        await claimantPage.ClickAsync("form[data-action=SignAgreement] button");
        await respondentPage.GotoAsync(link);
        await respondentPage.ClickAsync("form[data-action=SignAgreement] button");
        var respondentSigned = await respondentPage.InnerTextAsync("#respond-done");
        await mediatorPage.ReloadAsync();
        await mediatorPage.ClickAsync("form[data-action=Settle] button");
        var settled = await mediatorPage.InnerTextAsync("#case-state");
        await Chromium.ScreenshotAsync(mediatorPage, "mediation-settled");
        await claimantPage.ReloadAsync();
        var signatures = await claimantPage.InnerTextAsync("#signatures");
        var measureDelay = await claimantPage.InnerTextAsync("#locations .measure-delay");
        var package = await claimantPage.GetAttributeAsync("#package a", "href");
        await Chromium.ScreenshotAsync(claimantPage, "mediation-claimant-package");
        var zip = await api.GetByteArrayAsync(package);

        proposed.ShouldContain("申请调解");
        sessions.ShouldContain("14:30");
        sessions.ShouldContain("Asia/Shanghai");
        proposals.ShouldContain("8,000.00 CNY");
        respondentSigned.ShouldContain("签署和解协议");
        settled.ShouldContain("调解成功");
        signatures.ShouldContain("权利人");
        signatures.ShouldContain("被投诉人");
        measureDelay.ShouldContain("送达后");
        using var anonymous = server.CreateClient();
        var keys = await anonymous.GetFromJsonAsync<JsonElement>("/api/ledger/keys");
        var receipts = new ReelRights.Ledger.Receipts.ReceiptVerifier(
            keys.GetProperty("keys").EnumerateArray().Select(k => ReelRights.Ledger.Notes.NoteKeys.ParseVerifierKey(k.GetProperty("verifierKey").GetString()!)).ToList(),
            [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(keys.GetProperty("tsaCertificatePem").GetString())], requireTimestamp: true);
        var verified = new ReelRights.Ledger.Cases.JudicialPackageVerifier(receipts).Verify(new MemoryStream(zip));
        verified.IsValid.ShouldBeTrue(verified.FirstFailure?.Detail);
    }

    [Fact]
    public async Task ComplaintEntry_InboxAndDocket_ShowEachPartyItsWork()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var claimant = await server.CreateTenantAsync("星河影业");
        var platform = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        var mediator = await server.CreateTenantAsync("杭州版权调解中心", OrganizationKind.Mediator);
        var op = await server.CreateTenantAsync("平台运营方", OrganizationKind.Operator);
        using var api = server.CreateClient(claimant.ApiKey);
        var first = (await (await api.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var second = (await (await api.PostAsJsonAsync("/api/works", new { title = "横店群演", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        await using var chromium = await Chromium.LaunchAsync();

        // Anyone can open the platform's complaint entry; filing needs a rights holder's account.
        var visitor = await chromium.NewPageAsync();
        await visitor.GotoAsync(Url(server, $"/complaint/{platform.Organization.Id}"));
        var heading = await visitor.InnerTextAsync("h1");
        var signInPrompt = await visitor.InnerTextAsync("#complaint-sign-in");
        var claimantPage = await chromium.NewPageAsync();
        await SignInAsync(claimantPage, server, claimant);
        await claimantPage.GotoAsync(Url(server, $"/complaint/{platform.Organization.Id}"));
        await claimantPage.SelectOptionAsync("#complaint-form select[name=workId]", first!);
        await claimantPage.FillAsync("#complaint-form textarea[name=urls]", "https://video.example/v/1\nhttps://video.example/v/2");
        await claimantPage.ClickAsync("#complaint-submit");
        await claimantPage.WaitForURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        var id = claimantPage.Url[(claimantPage.Url.LastIndexOf('/') + 1)..];
        var places = await claimantPage.Locator("table tbody tr, table tr").AllInnerTextsAsync();
        // A second work's complaint against the same platform; both go out from the list as one notice.
        await claimantPage.GotoAsync(Url(server, $"/complaint/{platform.Organization.Id}"));
        await claimantPage.SelectOptionAsync("#complaint-form select[name=workId]", second!);
        await claimantPage.FillAsync("#complaint-form textarea[name=urls]", "https://video.example/v/3");
        await claimantPage.ClickAsync("#complaint-submit");
        await claimantPage.WaitForURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        await claimantPage.GotoAsync(Url(server, "/cases"));
        foreach (var box in await claimantPage.Locator("#cases input[name=ids]").AllAsync())
        {
            await box.CheckAsync();
        }
        await Chromium.ScreenshotAsync(claimantPage, "case-claimant-one-notice-for-two-works");
        await claimantPage.ClickAsync("#send-notice-selected");
        await claimantPage.WaitForSelectorAsync("#cases-flash");
        var sentFlash = await claimantPage.InnerTextAsync("#cases-flash");
        var listAfter = await claimantPage.InnerTextAsync("#cases");

        // The platform's inbox lists it with the time since delivery, and takes a webhook.
        var platformPage = await chromium.NewPageAsync();
        await SignInAsync(platformPage, server, platform);
        await platformPage.GotoAsync(Url(server, "/cases/inbox"));
        var inbox = await platformPage.InnerTextAsync("#inbox");
        await platformPage.FillAsync("#webhook input[name=url]", "https://hooks.video.example/rr");
        await platformPage.ClickAsync("#webhook button");
        var secret = await platformPage.InnerTextAsync("#webhook-secret");
        await Chromium.ScreenshotAsync(platformPage, "case-platform-inbox");

        // Mediation proposed by the claimant, the mediator assigned: it is on the mediator's docket.
        await claimantPage.GotoAsync(Url(server, $"/cases/{id}"));
        await claimantPage.ClickAsync("form[data-action=ProposeMediation] button");
        using var opApi = server.CreateClient(op.ApiKey);
        (await opApi.PostAsJsonAsync($"/api/cases/{id}/mediator", new { mediatorOrganizationId = mediator.Organization.Id })).EnsureSuccessStatusCode();
        var mediatorPage = await chromium.NewPageAsync();
        await SignInAsync(mediatorPage, server, mediator);
        await mediatorPage.GotoAsync(Url(server, "/cases/docket"));
        var docket = await mediatorPage.InnerTextAsync("#docket");
        await Chromium.ScreenshotAsync(mediatorPage, "case-mediator-docket");
        await platformPage.GotoAsync(Url(server, "/notifications"));
        var mailStatus = await platformPage.InnerTextAsync("#mail-status");
        await platformPage.GotoAsync(Url(server, "/cases/docket"));
        var platformSeesDocket = await platformPage.Locator("#docket, #docket-empty").CountAsync();

        heading.ShouldContain("快看视频");
        signInPrompt.ShouldContain("登录");
        string.Join("\n", places).ShouldContain("https://video.example/v/2");
        sentFlash.ShouldContain("涵盖 2 件案件");
        listAfter.ShouldNotContain("待发送通知");
        (await claimantPage.Locator("#cases input[name=ids]").CountAsync()).ShouldBe(0);
        inbox.ShouldContain("替身新娘");
        inbox.ShouldContain("横店群演");
        inbox.ShouldContain("通知已送达");
        inbox.ShouldContain("(UTC+8)"); // when the notice was delivered
        inbox.ShouldContain("记录必要措施"); // the platform's next move
        secret.ShouldMatch("[0-9a-f]{64}");
        docket.ShouldContain("替身新娘");
        docket.ShouldContain("已申请调解");
        platformSeesDocket.ShouldBe(0);
        // No SMTP server in this test: the page says the e-mail went to the outbox folder only.
        mailStatus.ShouldContain("未配置 SMTP");
        mailStatus.ShouldContain("outbox");
    }

    private static Task SignInAsync(IPage page, LoopbackServer server, TestTenant tenant) => BrowserSteps.SignInAsync(page, server, tenant);

    private static string Url(LoopbackServer server, string path) => BrowserSteps.Url(server, path);

    [GeneratedRegex(@"https?://\S+/respond/[A-Za-z0-9_-]+")]
    private static partial Regex RespondentLink();
}
