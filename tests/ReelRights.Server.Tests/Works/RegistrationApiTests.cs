using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Core.Works;
using ReelRights.Server.Tests.Api;
using ReelRights.Ledger.Receipts;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Works;

/// <summary>
/// Registration end to end over HTTP on a real server: media streamed up, fingerprinted by the job
/// worker, checked against earlier registrations, sealed on the ledger with a receipt; a
/// transformed copy registered by another organization is held for review, and the registrant,
/// the earlier owner and the operator are each notified, of the hold and of the decision.
/// </summary>
public sealed class RegistrationApiTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string dir = Directory.CreateTempSubdirectory("rr-register-").FullName;

    private string Episode1 => Path.Combine(dir, "ep1.mp4");

    private string Episode2 => Path.Combine(dir, "ep2.mp4");

    private string PiratedCopy => Path.Combine(dir, "copy.mp4");

    public async ValueTask InitializeAsync()
    {
        string[] encode = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p", "-c:a", "aac"];
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "mandelbrot=s=180x320:r=25,trim=duration=8",
            "-f", "lavfi", "-i", "testsrc=s=180x320:r=25:d=8,hue=H=2*t,rotate=0.3*t",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(500+300*sin(13*floor(4*t))))':s=16000:d=16",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]", "-map", "2:a", .. encode, Episode1]);
        await Ffmpeg.RunAsync([
            "-f", "lavfi", "-i", "cellauto=s=180x320:r=25:rule=30,trim=duration=12",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(300+200*sin(7*floor(3*t))))':s=16000:d=12", .. encode, Episode2]);
        // A pirate's copy of episode 1: mirrored, cropped, sped up 1.25× with the pitch kept.
        await Ffmpeg.RunAsync([
            "-ss", "2", "-i", Episode1, "-filter_complex",
            "[0:v]hflip,crop=iw*0.85:ih*0.85,scale=180:320,setpts=PTS/1.25[v];[0:a]atempo=1.25[a]",
            "-map", "[v]", "-map", "[a]", .. encode, PiratedCopy]);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Register_TwoEpisodesThenACopyByAnotherOrganization_SealsFirstAndHoldsCopyForReview(string provider)
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var producer = await server.CreateTenantAsync("星河短剧");
        var pirate = await server.CreateTenantAsync("搬运工作室");
        var operators = await server.CreateTenantAsync("平台运营", OrganizationKind.Operator);
        using var a = server.CreateClient(producer.ApiKey);

        // The producer registers a two-episode series from its media files.
        var work = await CreateWorkAsync(a, "霸道总裁的替身新娘");
        await PutMediaAsync(a, work, 1, Episode1);
        await PutMediaAsync(a, work, 2, Episode2);
        var sealedReg = await SubmitAndWaitAsync(a, work, "sealed");

        var detail = await a.GetFromJsonAsync<JsonElement>($"/api/works/{work}", Web);
        var episodes = detail.GetProperty("episodes").EnumerateArray().ToList();
        episodes.Count.ShouldBe(2);
        var workCode = detail.GetProperty("work").GetProperty("code").GetString()!;
        WorkCode.IsValidWorkCode(workCode).ShouldBeTrue(workCode);
        episodes.Select(e => e.GetProperty("code").GetString()).ShouldBe([WorkCode.EpisodeCode(workCode, 1), WorkCode.EpisodeCode(workCode, 2)]);
        episodes.ShouldAllBe(e => WorkCode.IsValidEpisodeCode(e.GetProperty("code").GetString()));
        episodes[0].GetProperty("mediaSha256").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Episode1))));
        episodes[0].GetProperty("mediaSm3").GetString()!.Length.ShouldBe(64);
        sealedReg.GetProperty("certificateNumber").GetString().ShouldStartWith("RRC-");
        var receiptText = await a.GetStringAsync($"/api/registrations/{sealedReg.GetProperty("id").GetString()}/receipt");
        var receipt = Receipt.Parse(receiptText);
        receipt.LeafIndex.ShouldBe(sealedReg.GetProperty("leafIndex").GetInt64());
        var leaf = JsonDocument.Parse(receipt.LeafData).RootElement;
        leaf.GetProperty("type").GetString().ShouldBe("registration");
        var sealedEpisodes = leaf.GetProperty("payload").GetProperty("episodes").EnumerateArray().ToList();
        sealedEpisodes.Select(e => e.GetProperty("code").GetString()).ShouldBe(episodes.Select(e => e.GetProperty("code").GetString()));
        sealedEpisodes[1].GetProperty("fingerprintSha256").GetString().ShouldBe(episodes[1].GetProperty("fingerprintSha256").GetString());

        // The receipt verifies offline against the log's pinned keys.
        var keys = await a.GetFromJsonAsync<JsonElement>("/api/ledger/keys", Web);
        var verifiers = keys.GetProperty("keys").EnumerateArray().Select(k => ReelRights.Ledger.Notes.NoteKeys.ParseVerifierKey(k.GetProperty("verifierKey").GetString()!)).ToList();
        using var tsa = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(keys.GetProperty("tsaCertificatePem").GetString()!);
        var checks = new ReceiptVerifier(verifiers, [tsa], requireTimestamp: true).Verify(receipt);
        checks.IsValid.ShouldBeTrue($"first failure: {checks.FirstFailure}");

        // The certificate PDF; the public page recognizes it, the original media file and the receipt, and rejects an edited PDF.
        var registrationId = sealedReg.GetProperty("id").GetString();
        var pdf = await a.GetByteArrayAsync($"/api/registrations/{registrationId}/certificate.pdf");
        pdf[..5].ShouldBe("%PDF-"u8.ToArray());
        (await a.GetByteArrayAsync($"/api/registrations/{registrationId}/certificate.pdf")).ShouldBe(pdf);
        (await a.GetStringAsync($"/api/registrations/{registrationId}/certificate")).ShouldContain(sealedReg.GetProperty("certificateNumber").GetString()!);
        using var anonymous = server.CreateClient();
        var pdfVerdict = await VerifyAsync(anonymous, pdf);
        pdfVerdict.GetProperty("kind").GetString().ShouldBe("certificate");
        pdfVerdict.GetProperty("registered").GetBoolean().ShouldBeTrue();
        pdfVerdict.GetProperty("registrations")[0].GetProperty("owner").GetString().ShouldBe("星河短剧");
        var edited = (byte[])pdf.Clone();
        edited[edited.Length / 2] ^= 0x01;
        var editedVerdict = await VerifyAsync(anonymous, edited);
        editedVerdict.GetProperty("registered").GetBoolean().ShouldBeFalse();
        var mediaVerdict = await VerifyAsync(anonymous, File.ReadAllBytes(Episode1));
        mediaVerdict.GetProperty("kind").GetString().ShouldBe("media-exact");
        mediaVerdict.GetProperty("registrations")[0].GetProperty("episodeCode").GetString().ShouldBe(episodes[0].GetProperty("code").GetString());
        var receiptVerdict = await VerifyAsync(anonymous, System.Text.Encoding.UTF8.GetBytes(receiptText));
        receiptVerdict.GetProperty("kind").GetString().ShouldBe("receipt");
        var facts = await anonymous.GetFromJsonAsync<JsonElement>($"/api/verify/certificates/{sealedReg.GetProperty("certificateNumber").GetString()}", Web);
        facts.GetProperty("workCode").GetString().ShouldBe(detail.GetProperty("work").GetProperty("code").GetString());

        // A pirated copy is recognized by content, with the copied seconds.
        var copyVerdict = await VerifyAsync(anonymous, File.ReadAllBytes(PiratedCopy));
        copyVerdict.GetProperty("kind").GetString().ShouldBe("media-content");
        copyVerdict.GetProperty("registrations")[0].GetProperty("episodeCode").GetString().ShouldBe(episodes[0].GetProperty("code").GetString());

        // Another organization registers a transformed copy of episode 1: held for review, not sealed.
        using var b = server.CreateClient(pirate.ApiKey);
        var copyWork = await CreateWorkAsync(b, "替身新娘（高清）");
        await PutMediaAsync(b, copyWork, 1, PiratedCopy);
        var held = await SubmitAndWaitAsync(b, copyWork, "needs-review");
        held.GetProperty("leafIndex").ValueKind.ShouldBe(JsonValueKind.Null);
        var conflict = held.GetProperty("conflicts").EnumerateArray().ShouldHaveSingleItem();
        conflict.GetProperty("otherEpisodeCode").GetString().ShouldBe(episodes[0].GetProperty("code").GetString());
        conflict.GetProperty("sameOwner").GetBoolean().ShouldBeFalse();
        // The pirate cannot read the producer's work.
        (await b.GetAsync($"/api/works/{work}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Each side is told of the hold in its own inbox, and only what it may already see.
        var copyCode = (await b.GetFromJsonAsync<JsonElement>($"/api/works/{copyWork}", Web)).GetProperty("episodes")[0].GetProperty("code").GetString()!;
        var originalCode = episodes[0].GetProperty("code").GetString()!;
        var toPirate = (await InboxAsync(b)).ShouldHaveSingleItem();
        toPirate.GetProperty("kind").GetString().ShouldBe("registration.needs-review");
        toPirate.GetProperty("link").GetString().ShouldBe($"/works/{copyWork}");
        toPirate.GetProperty("bodyZh").GetString()!.ShouldContain($"{copyCode} ≈ {originalCode}");
        toPirate.GetProperty("bodyEn").GetString()!.ShouldContain($"{copyCode} ≈ {originalCode}");
        foreach (var secret in new[] { "星河短剧", producer.Organization.Id.ToString(), work, "霸道总裁的替身新娘" })
        {
            Text(toPirate).ShouldNotContain(secret);
        }
        var toProducer = (await InboxAsync(a)).ShouldHaveSingleItem();
        toProducer.GetProperty("kind").GetString().ShouldBe("registration.conflict-reported");
        toProducer.GetProperty("link").GetString().ShouldBe($"/works/{work}");
        toProducer.GetProperty("bodyZh").GetString()!.ShouldContain(originalCode);
        foreach (var secret in new[] { "搬运工作室", pirate.Organization.Id.ToString(), copyWork, "替身新娘（高清）", copyCode })
        {
            Text(toProducer).ShouldNotContain(secret);
        }
        using var op = server.CreateClient(operators.ApiKey);
        var toOperator = (await InboxAsync(op)).ShouldHaveSingleItem();
        toOperator.GetProperty("kind").GetString().ShouldBe("registration.review-requested");
        toOperator.GetProperty("link").GetString().ShouldBe("/review");
        toOperator.GetProperty("bodyZh").GetString()!.ShouldContain("搬运工作室");

        // Inboxes are the organization's own: another's notification is not found, nor marked.
        var producerNotice = toProducer.GetProperty("id").GetString();
        await (await b.PostAsync($"/api/notifications/{producerNotice}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await UnreadAsync(a)).ShouldBe(1);
        using var worksOnly = server.CreateClient((await server.CreateKeyAsync(producer, "works:read")).Secret);
        (await worksOnly.GetAsync("/api/notifications")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var marked = await a.PostAsync($"/api/notifications/{producerNotice}/read", null);
        marked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await marked.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await UnreadAsync(a)).ShouldBe(0);
        (await InboxAsync(a, "?unread=true")).ShouldBeEmpty();
        (await InboxAsync(a)).ShouldHaveSingleItem();
        var readAll = await b.PostAsync("/api/notifications/read-all", null);
        (await readAll.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("marked").GetInt32().ShouldBe(1);
        (await UnreadAsync(b)).ShouldBe(0);

        // The operator rejects; the pirate learns the decision with the reason, the producer the outcome.
        var review = await op.GetFromJsonAsync<JsonElement>("/api/registrations/review", Web);
        review.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldContain(held.GetProperty("id").GetString());
        var decided = await op.PostAsJsonAsync($"/api/registrations/{held.GetProperty("id").GetString()}/decision", new { approve = false, note = "与已登记作品雷同" });
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await decided.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("state").GetString().ShouldBe("rejected");
        var pirateInbox = await InboxAsync(b);
        pirateInbox.Select(n => n.GetProperty("kind").GetString()).ShouldBe(["registration.rejected", "registration.needs-review"]);
        pirateInbox[0].GetProperty("bodyZh").GetString()!.ShouldContain("与已登记作品雷同");
        pirateInbox[0].GetProperty("link").GetString().ShouldBe($"/works/{copyWork}");
        var outcome = (await InboxAsync(a, "?unread=true")).ShouldHaveSingleItem();
        outcome.GetProperty("kind").GetString().ShouldBe("registration.conflict-rejected");
        outcome.GetProperty("bodyEn").GetString()!.ShouldContain(originalCode);
        outcome.GetProperty("bodyZh").GetString()!.ShouldContain("与已登记作品雷同");
        Text(outcome).ShouldNotContain("搬运工作室");
        (await UnreadAsync(b)).ShouldBe(1);
        (await InboxAsync(b, "?limit=1")).ShouldHaveSingleItem().GetProperty("kind").GetString().ShouldBe("registration.rejected");
        (await InboxAsync(b, $"?before={Uri.EscapeDataString(pirateInbox[0].GetProperty("createdAt").GetString()!)}"))
            .ShouldHaveSingleItem().GetProperty("kind").GetString().ShouldBe("registration.needs-review");
    }

    [Fact]
    public async Task Register_SameOwnersOwnCopyInAnotherWork_IsSealedWithTheDuplicateShown()
    {
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var producer = await server.CreateTenantAsync("星河短剧");
        using var a = server.CreateClient(producer.ApiKey);
        var first = await CreateWorkAsync(a, "原版");
        await PutMediaAsync(a, first, 1, Episode1);
        await SubmitAndWaitAsync(a, first, "sealed");

        var second = await CreateWorkAsync(a, "剪辑版");
        await PutMediaAsync(a, second, 1, PiratedCopy);
        var registration = await SubmitAndWaitAsync(a, second, "sealed");

        var duplicate = registration.GetProperty("conflicts").EnumerateArray().ShouldHaveSingleItem();
        duplicate.GetProperty("sameOwner").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Upload_FileLabelledAiGenerated_WhileDeclaredWithoutAi_IsFlaggedAndSealedOnRecord()
    {
        var labelled = Path.Combine(dir, "labelled.mp4");
        await Ffmpeg.RunAsync(["-f", "lavfi", "-i", "testsrc2=s=180x320:r=25:d=4", "-f", "lavfi", "-i", "sine=f=330:d=4:sample_rate=16000",
            "-metadata", "AIGC={\"Label\":\"1\",\"ContentProducer\":\"001191110108MA01KP2T4U00000\",\"ProduceID\":\"clip-7\"}",
            "-movflags", "use_metadata_tags", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", labelled]);
        await using var server = await LoopbackServer.StartAsync("Sqlite");
        var producer = await server.CreateTenantAsync("星河短剧");
        using var a = server.CreateClient(producer.ApiKey);
        var work = await CreateWorkAsync(a, "声明未用 AI");

        await PutMediaAsync(a, work, 1, labelled);
        var detail = await a.GetFromJsonAsync<JsonElement>($"/api/works/{work}", Web);
        var registration = await SubmitAndWaitAsync(a, work, "sealed");
        var receipt = Receipt.Parse(await a.GetStringAsync($"/api/registrations/{registration.GetProperty("id").GetString()}/receipt"));

        var episode = detail.GetProperty("episodes")[0];
        var label = episode.GetProperty("aigcFindings").GetProperty("labels").EnumerateArray().ShouldHaveSingleItem();
        label.GetProperty("label").GetString().ShouldBe("1");
        label.GetProperty("produceId").GetString().ShouldBe("clip-7");
        var contradiction = detail.GetProperty("aigcContradictions").EnumerateArray().ShouldHaveSingleItem();
        contradiction.GetProperty("episodeCode").GetString().ShouldBe(episode.GetProperty("code").GetString());
        contradiction.GetProperty("messageZh").GetString()!.ShouldContain("矛盾");
        var sealedPayload = JsonDocument.Parse(receipt.LeafData).RootElement.GetProperty("payload");
        sealedPayload.GetProperty("aigcContradictions")[0].GetProperty("label").GetString().ShouldBe("1");
    }

    private static async Task<List<JsonElement>> InboxAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/notifications" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Web)).EnumerateArray().ToList();
    }

    /// <summary>Every value of a notification as read (the raw JSON escapes Chinese, so searching it would prove nothing).</summary>
    private static string Text(JsonElement notification) =>
        string.Join("\n", notification.EnumerateObject().Select(p => p.Value.ToString()));

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count", Web)).GetProperty("unread").GetInt32();

    private static async Task<JsonElement> VerifyAsync(HttpClient client, byte[] file)
    {
        using var content = new ByteArrayContent(file);
        var response = await client.PostAsync("/api/verify", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(Web);
    }

    private static async Task<string> CreateWorkAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/works", new { title, type = "micro-drama", language = "zh", aigc = new { usesAi = false } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString()!;
    }

    private static async Task PutMediaAsync(HttpClient client, string work, int number, string path)
    {
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file);
        var response = await client.PutAsync($"/api/works/{work}/episodes/{number}?fileName={Path.GetFileName(path)}", content);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> SubmitAndWaitAsync(HttpClient client, string work, string expectedState)
    {
        var response = await client.PostAsync($"/api/works/{work}/registrations", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Web)).GetProperty("id").GetString();
        var registration = await Eventually.UntilAsync($"registration {id} to leave checking", TimeSpan.FromSeconds(90),
            () => client.GetFromJsonAsync<JsonElement>($"/api/registrations/{id}", Web),
            r => r.GetProperty("state").GetString() != "checking");
        registration.GetProperty("state").GetString().ShouldBe(expectedState, registration.ToString());
        return registration;
    }

}
