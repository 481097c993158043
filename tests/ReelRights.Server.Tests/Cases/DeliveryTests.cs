using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MimeKit;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases.Delivery;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;
using static ReelRights.Server.Tests.Monitoring.MonitoringSteps;

namespace ReelRights.Server.Tests.Cases;

/// <summary>
/// How a notice and every case step reach the parties besides the in-app inbox: a platform's
/// signed webhook (retried, every attempt logged, refused addresses refused), e-mail written to the
/// outbox folder when no SMTP server is configured, and e-mail over SMTP to a real server (aiosmtpd).
/// </summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task Webhook_FailsOnceThenDelivered_SignedAndLogged_ForbiddenAddressRefused()
    {
        var received = new ConcurrentQueue<(string Signature, byte[] Body)>();
        var calls = 0;
        var (site, address) = await StartSiteAsync(app => app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Headers[WebhookSignature.Header].ToString(), body.ToArray()));
            return Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(500) : Results.Ok();
        }));
        await using var _ = site;
        await using var server = await LoopbackServer.StartAsync("Sqlite", LoopbackPolicy(("Cases:CalendarFile", TestCalendar.WriteWeekendsOnly())));
        var claimantTenant = await server.CreateTenantAsync("星河影业");
        var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        using var claimant = server.CreateClient(claimantTenant.ApiKey);
        using var platform = server.CreateClient(platformTenant.ApiKey);

        var byClaimant = await claimant.PutAsJsonAsync("/api/cases/webhook", new { url = new Uri(address, "/hook").ToString() });
        var badUrl = await platform.PutAsJsonAsync("/api/cases/webhook", new { url = "ftp://files.example/hook" });
        var set = await (await platform.PutAsJsonAsync("/api/cases/webhook", new { url = new Uri(address, "/hook").ToString() })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = set.GetProperty("secret").GetString()!;
        var id = await OpenAndSendAsync(claimant, new { organizationId = platformTenant.Organization.Id });
        var log = await Eventually.UntilAsync("the webhook delivery to succeed", TimeSpan.FromSeconds(90),
            () => platform.GetFromJsonAsync<JsonElement>("/api/cases/webhook/deliveries"),
            l => l.GetArrayLength() == 1 && l[0].GetProperty("state").GetString() == "delivered");

        await byClaimant.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await badUrl.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-url");
        log[0].GetProperty("log").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).ShouldBe([500, 200]);
        received.Count.ShouldBe(2);
        var (signature, body) = received.Last();
        WebhookSignature.Verify(secret, signature, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).ShouldBeTrue(signature);
        WebhookSignature.Verify("wrong secret", signature, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        var tampered = body.ToArray();
        tampered[^3] ^= 1;
        WebhookSignature.Verify(secret, signature, tampered, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify(secret, signature, body, DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromMinutes(5)).ShouldBeFalse();
        var payload = JsonDocument.Parse(body).RootElement;
        payload.GetProperty("event").GetString().ShouldBe("case.step");
        payload.GetProperty("case").GetString().ShouldBe(id);
        payload.GetProperty("action").GetString().ShouldBe("send-notice");
        payload.GetProperty("noticeSha256").GetString().ShouldNotBeNullOrEmpty();

        // A webhook on an address the fetch policy forbids (127.0.0.2 here) is never called.
        await platform.PutAsJsonAsync("/api/cases/webhook", new { url = $"http://127.0.0.2:{address.Port}/hook" });
        var location = (await platform.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("locations")[0].GetProperty("id").GetString();
        (await platform.PostAsJsonAsync($"/api/cases/{id}/actions/record-measure",
            new { measures = new[] { new { locationId = location, measure = "removed" } } })).EnsureSuccessStatusCode();
        var refused = await Eventually.UntilAsync("the forbidden delivery's first attempt", TimeSpan.FromSeconds(60),
            () => platform.GetFromJsonAsync<JsonElement>("/api/cases/webhook/deliveries"),
            l => l.GetArrayLength() == 2 && l[0].GetProperty("attempts").GetInt32() >= 1);
        refused[0].GetProperty("lastError").GetString().ShouldNotBeNull().ShouldContain("forbidden");
        refused[0].GetProperty("state").GetString().ShouldNotBe("delivered");
        received.Count.ShouldBe(2);
    }

    [Fact]
    public async Task WithoutSmtp_NoticeAndNotificationsAreWrittenToTheOutbox()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?> { ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly() });
        var claimantTenant = await server.CreateTenantAsync("星河影业");
        var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
        using var claimant = server.CreateClient(claimantTenant.ApiKey);
        var outbox = Path.Combine(server.DataDirectory, "outbox");

        var unregistered = await OpenAndSendAsync(claimant, new { name = "某视频站", email = "abuse@video.example" });
        await OpenAndSendAsync(claimant, new { organizationId = platformTenant.Organization.Id });
        var messages = await Eventually.UntilAsync("two e-mails in the outbox", TimeSpan.FromSeconds(60),
            () => Task.FromResult(Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").Select(f => MimeMessage.Load(f)).ToList() : []),
            m => m.Count(x => x.To.Mailboxes.Any(a => a.Address == "abuse@video.example")) == 1
                && m.Any(x => x.To.Mailboxes.Any(a => a.Address == platformTenant.Admin.Email) && (x.Subject ?? "").Contains("通知已送达", StringComparison.Ordinal)));
        var detail = await claimant.GetFromJsonAsync<JsonElement>($"/api/cases/{unregistered}");

        var notice = messages.Single(m => m.To.Mailboxes.Any(a => a.Address == "abuse@video.example"));
        notice.Subject.ShouldNotBeNull().ShouldContain("侵权通知");
        var attachment = notice.Attachments.OfType<MimePart>().Single();
        using var bytes = new MemoryStream();
        await attachment.Content.ShouldNotBeNull().DecodeToAsync(bytes);
        Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())).ShouldBe(detail.GetProperty("case").GetProperty("noticeSha256").GetString());
        // The registered platform was told twice (case opened, notice delivered), in whichever order the jobs ran.
        var toPlatform = messages.Single(m => m.To.Mailboxes.Any(a => a.Address == platformTenant.Admin.Email) && (m.Subject ?? "").Contains("通知已送达", StringComparison.Ordinal));
        toPlatform.TextBody.ShouldNotBeNull().ShouldContain("通知已送达");
        toPlatform.TextBody.ShouldContain("/cases/");
        Directory.GetFiles(outbox, "*.part").ShouldBeEmpty();
    }

    [Fact]
    public async Task WithSmtp_NotificationsGoToARealSmtpServer()
    {
        var root = Directory.CreateTempSubdirectory("rr-smtp-").FullName;
        // aiosmtpd's Mailbox handler creates the Maildir (with tmp/new/cur) only if it does not exist.
        var maildir = Path.Combine(root, "Maildir");
        var port = FreePort();
        using var smtpd = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            await Eventually.UntilAsync($"aiosmtpd to listen on 127.0.0.1:{port}", TimeSpan.FromSeconds(20), () => Task.FromResult(CanConnect(port)), ok => ok);
            await using var server = await LoopbackServer.StartAsync("Sqlite", new Dictionary<string, string?>
            {
                ["Cases:CalendarFile"] = TestCalendar.WriteWeekendsOnly(),
                ["Mail:Smtp:Host"] = "127.0.0.1",
                ["Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Smtp:Security"] = "none",
                ["Mail:From"] = "ReelRights <cases@reelrights.test>",
            });
            var claimantTenant = await server.CreateTenantAsync("星河影业");
            var platformTenant = await server.CreateTenantAsync("快看视频", OrganizationKind.Platform);
            using var claimant = server.CreateClient(claimantTenant.ApiKey);

            await OpenAndSendAsync(claimant, new { organizationId = platformTenant.Organization.Id });
            var delivered = await Eventually.UntilAsync("a message in the SMTP server's Maildir", TimeSpan.FromSeconds(60),
                () => Task.FromResult(Directory.Exists(Path.Combine(maildir, "new")) ? Directory.GetFiles(Path.Combine(maildir, "new")) : []),
                files => files.Length >= 2);

            // Opening the case and sending the notice each notified the platform.
            var messages = delivered.Select(f => MimeMessage.Load(f)).ToList();
            messages.Select(m => m.Subject ?? "").ShouldContain(s => s.Contains("新的维权案件", StringComparison.Ordinal));
            var message = messages.Single(m => (m.Subject ?? "").Contains("通知已送达", StringComparison.Ordinal));
            message.To.Mailboxes.Select(m => m.Address).ShouldBe([platformTenant.Admin.Email]);
            message.From.Mailboxes.Single().Address.ShouldBe("cases@reelrights.test");
            Directory.Exists(Path.Combine(server.DataDirectory, "outbox")).ShouldBeFalse();
        }
        finally
        {
            smtpd.Kill(entireProcessTree: true);
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<string> OpenAndSendAsync(HttpClient claimant, object platform)
    {
        var work = (await (await claimant.PostAsJsonAsync("/api/works", new { title = "替身新娘", type = "micro-drama" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        var opened = await claimant.PostAsJsonAsync("/api/cases", new { workId = work, platform, locations = new[] { new { url = "https://video.example/v/1" } } });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString()!;
        (await claimant.PostAsJsonAsync($"/api/cases/{id}/actions/send-notice", new { })).EnsureSuccessStatusCode();
        return id;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
