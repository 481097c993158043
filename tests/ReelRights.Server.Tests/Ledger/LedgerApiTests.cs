using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Receipts;
using ReelRights.Server.Tests.Api;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Ledger;

/// <summary>The public ledger API and tiles, checked with the pure verifier as an outside party would.</summary>
public abstract class LedgerApiTests(string provider)
{
    private static async Task<(LoopbackServer Server, HttpClient Client, List<JsonElement> Sealed)> SealAsync(string provider, int count)
    {
        var server = await LoopbackServer.StartAsync(provider);
        var tenant = await server.CreateTenantAsync("星河影业");
        var client = server.CreateClient(tenant.ApiKey);
        var sealedOnes = new List<JsonElement>();
        for (var i = 0; i < count; i++)
        {
            var digest = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));
            var response = await client.PostAsJsonAsync("/api/ledger/attestations", new { title = $"第{i}集", sha256 = digest });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            sealedOnes.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        return (server, client, sealedOnes);
    }

    private static async Task<List<INoteVerifier>> PinnedKeysAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/ledger/keys")).GetProperty("keys").EnumerateArray()
            .Select(k => NoteKeys.ParseVerifierKey(k.GetProperty("verifierKey").GetString()!)).ToList();

    [Fact]
    public async Task ReceiptsAndProofs_FromPublicEndpoints_VerifyWithPinnedKey()
    {
        var (server, client, sealedOnes) = await SealAsync(provider, 5);
        await using var _ = server;
        using var anonymous = server.CreateClient();
        var keysJson = await anonymous.GetFromJsonAsync<JsonElement>("/api/ledger/keys");
        var keys = await PinnedKeysAsync(anonymous);
        var tsa = X509Certificate2.CreateFromPem(keysJson.GetProperty("tsaCertificatePem").GetString());
        var verifier = new ReceiptVerifier(keys, [tsa], requireTimestamp: true);

        foreach (var s in sealedOnes)
        {
            verifier.Verify(Receipt.Parse(s.GetProperty("receipt").GetString()!)).IsValid.ShouldBeTrue();
        }
        var latest = await anonymous.GetStringAsync("/api/ledger/receipts/2");
        var result = verifier.Verify(Receipt.Parse(latest));
        result.IsValid.ShouldBeTrue(result.FailureMessage);
        result.Checkpoint!.TreeSize.ShouldBe(5);

        var checkpoint = Checkpoint.Parse(SignedNote.Parse(await anonymous.GetStringAsync("/api/ledger/checkpoint")).Verify(keys).Text);
        var inclusion = await anonymous.GetFromJsonAsync<JsonElement>($"/api/ledger/proofs/inclusion?leafHash={sealedOnes[3].GetProperty("leafHash").GetString()}");
        var proof = inclusion.GetProperty("proof").EnumerateArray().Select(p => (ReadOnlyMemory<byte>)Convert.FromBase64String(p.GetString()!)).ToList();
        MerkleProofVerifier.VerifyInclusion(Convert.FromHexString(sealedOnes[3].GetProperty("leafHash").GetString()!), 3, 5, proof, checkpoint.RootHash.Span).ShouldBeTrue();

        var history = await anonymous.GetFromJsonAsync<JsonElement>("/api/ledger/checkpoints");
        var sizes = history.EnumerateArray().Select(c => c.GetProperty("treeSize").GetInt64()).ToList();
        sizes.ShouldBe([5, 4, 3, 2, 1, 0]);
        var consistency = await anonymous.GetFromJsonAsync<JsonElement>("/api/ledger/proofs/consistency?from=2&to=5");
        var oldRoot = Convert.FromBase64String(history.EnumerateArray().Single(c => c.GetProperty("treeSize").GetInt64() == 2).GetProperty("rootHash").GetString()!);
        var cproof = consistency.GetProperty("proof").EnumerateArray().Select(p => (ReadOnlyMemory<byte>)Convert.FromBase64String(p.GetString()!)).ToList();
        MerkleProofVerifier.VerifyConsistency(2, 5, cproof, oldRoot, checkpoint.RootHash.Span).ShouldBeTrue();
        client.Dispose();
    }

    [Fact]
    public async Task Tiles_FollowTlogTilesLayoutAndMatchEntries()
    {
        var (server, client, sealedOnes) = await SealAsync(provider, 3);
        await using var _ = server;
        using var anonymous = server.CreateClient();

        var hashes = await anonymous.GetByteArrayAsync("/ledger/tile/0/000.p/3");
        var bundle = await anonymous.GetByteArrayAsync("/ledger/tile/entries/000.p/3");
        var tooWide = await anonymous.GetAsync("/ledger/tile/0/000.p/4");
        var full = await anonymous.GetAsync("/ledger/tile/0/000");
        var malformed = await anonymous.GetAsync("/ledger/tile/0/0.p/3");
        var checkpoint = await anonymous.GetStringAsync("/ledger/checkpoint");

        hashes.Length.ShouldBe(96);
        for (var i = 0; i < 3; i++)
        {
            Convert.ToHexStringLower(hashes.AsSpan(i * 32, 32)).ShouldBe(sealedOnes[i].GetProperty("leafHash").GetString());
        }
        var first = (bundle[0] << 8) | bundle[1];
        var entry0 = await anonymous.GetFromJsonAsync<JsonElement>("/api/ledger/entries/0");
        Convert.ToBase64String(bundle.AsSpan(2, first)).ShouldBe(entry0.GetProperty("data").GetString());
        tooWide.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        full.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        checkpoint.ShouldContain("\n3\n");
        client.Dispose();
    }

    [Theory]
    [InlineData("/api/ledger/entries/99", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/api/ledger/receipts/99", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/api/ledger/entries?leafHash=zz", HttpStatusCode.BadRequest, "invalid-leaf-hash")]
    [InlineData("/api/ledger/proofs/inclusion?index=0&treeSize=99", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/api/ledger/proofs/inclusion", HttpStatusCode.BadRequest, "missing-index")]
    [InlineData("/api/ledger/proofs/consistency?from=3&to=2", HttpStatusCode.BadRequest, "size-out-of-range")]
    [InlineData("/api/ledger/proofs/consistency?from=1&to=50", HttpStatusCode.BadRequest, "size-out-of-range")]
    [InlineData("/api/ledger/proofs/consistency?from=x&to=2", HttpStatusCode.BadRequest, "bad-request")]
    [InlineData("/api/ledger/entries/-1", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/api/ledger/proofs/inclusion?index=1&leafHash={leaf0}", HttpStatusCode.NotFound, "leaf-hash-mismatch")]
    [InlineData("/ledger/tile/0/x000/000.p/2", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/ledger/tile/0/{x000*300}000.p/2", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/ledger/tile/entries/x000/000.p/2", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/ledger/tile/0/000.p/9", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/ledger/no-such-thing", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/ledger/checkpoint?pad={9000}", HttpStatusCode.RequestUriTooLong, "uri-too-long")]
    [InlineData("/api/ledger/entries/0?pad={9000}", HttpStatusCode.RequestUriTooLong, "uri-too-long")]
    [InlineData("/ledger/checkpoint", HttpStatusCode.MethodNotAllowed, "method-not-allowed", "POST")]
    public async Task BadQueries_AreProblemsNotErrors(string path, HttpStatusCode status, string code, string method = "GET")
    {
        var (server, client, sealedOnes) = await SealAsync(provider, 2);
        await using var _ = server;
        using var anonymous = server.CreateClient();
        path = path.Replace("{leaf0}", sealedOnes[0].GetProperty("leafHash").GetString(), StringComparison.Ordinal)
            .Replace("{x000*300}", string.Concat(Enumerable.Repeat("x000/", 300)), StringComparison.Ordinal)
            .Replace("{9000}", new string('a', 9000), StringComparison.Ordinal);

        await (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path))).ShouldBeProblemAsync(status, code);
        client.Dispose();
    }

    [Fact]
    public async Task InclusionProof_IndexAndMatchingLeafHash_IsServed()
    {
        var (server, client, sealedOnes) = await SealAsync(provider, 2);
        await using var _ = server;

        var proof = await client.GetFromJsonAsync<JsonElement>($"/api/ledger/proofs/inclusion?index=1&leafHash={sealedOnes[1].GetProperty("leafHash").GetString()}");

        proof.GetProperty("index").GetInt64().ShouldBe(1);
        client.Dispose();
    }

    [Fact]
    public async Task Tsa_AnswersRfc3161RequestsThatDotNetVerifies()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        using var client = server.CreateClient();
        var hash = SHA256.HashData("剧本"u8);
        var request = Rfc3161TimestampRequest.CreateFromHash(hash, HashAlgorithmName.SHA256, nonce: new byte[] { 1, 2, 3, 4 }, requestSignerCertificates: true);
        var content = new ByteArrayContent(request.Encode());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");

        var response = await client.PostAsync("/api/ledger/tsa", content);
        var token = request.ProcessResponse(await response.Content.ReadAsByteArrayAsync(), out _);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/timestamp-reply");
        token.VerifySignatureForHash(hash, HashAlgorithmName.SHA256, out var signer, new X509Certificate2Collection()).ShouldBeTrue();
        signer!.Subject.ShouldContain("ReelRights TSA");
        var wrongType = await client.PostAsync("/api/ledger/tsa", new StringContent("x"));
        await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unsupported-media-type");
    }

    [Fact]
    public async Task ExternalTsa_IsUsedWhenConfigured()
    {
        await using var tsaServer = await LoopbackServer.StartAsync("Sqlite");
        await using var server = await LoopbackServer.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Ledger:TsaUrl"] = new Uri(tsaServer.BaseAddress, "/api/ledger/tsa").ToString(),
        });
        var tenant = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(tenant.ApiKey);
        var tsaKeys = await tsaServer.CreateClient().GetFromJsonAsync<JsonElement>("/api/ledger/keys");
        var ownKeys = await client.GetFromJsonAsync<JsonElement>("/api/ledger/keys");

        var sealedOne = await (await client.PostAsJsonAsync("/api/ledger/attestations", new { title = "t", sha256 = new string('b', 64) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var receipt = Receipt.Parse(sealedOne.GetProperty("receipt").GetString()!);
        var external = X509Certificate2.CreateFromPem(tsaKeys.GetProperty("tsaCertificatePem").GetString());
        var own = X509Certificate2.CreateFromPem(ownKeys.GetProperty("tsaCertificatePem").GetString());
        var keys = await PinnedKeysAsync(client);

        new ReceiptVerifier(keys, [external], requireTimestamp: true).Verify(receipt).IsValid.ShouldBeTrue();
        new ReceiptVerifier(keys, [own], requireTimestamp: true).Verify(receipt).FirstFailure.ShouldBe(ReceiptCheck.TimestampChain);
    }
}

public sealed class SqliteLedgerApiTests() : LedgerApiTests("Sqlite");

public sealed class PostgresLedgerApiTests() : LedgerApiTests("Postgres");
