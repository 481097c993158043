using System.Net;
using System.Net.Http.Json;
using System.Text;
using ReelRights.Testing;

namespace ReelRights.Server.Tests.Api;

/// <summary>Every kind of bad request gets a 4xx ProblemDetails with a stable type, never a 500.</summary>
public abstract class BadInputTests(string provider)
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{\"name\": \"k\", \"permissions\": [\"org:read\"]", "invalid-json")]
    [InlineData("{name: 'k'}", "invalid-json")]
    [InlineData("[1,2,3]", "invalid-json")]
    [InlineData("{\"name\": \"k\", \"permissions\": [\"org:read\"], \"admin\": true}", "invalid-json")]
    [InlineData("{\"name\": \"k\"}", "invalid-json")]
    [InlineData("{\"name\": null, \"permissions\": [\"org:read\"]}", "invalid-json")]
    [InlineData("{\"name\": 42, \"permissions\": [\"org:read\"]}", "invalid-json")]
    [InlineData("{\"name\": \"k\", \"permissions\": [\"root:all\"]}", "unknown-permission")]
    [InlineData("{\"name\": \"   \", \"permissions\": [\"org:read\"]}", "invalid-name")]
    [InlineData("{\"name\": \"k\", \"permissions\": []}", "no-permissions")]
    public async Task CreateKey_BadBody_IsBadRequestProblem(string body, string code)
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(a.ApiKey);

        var response = await client.PostAsync("/api/api-keys", Json(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task CreateKey_UnknownOrMissingField_ProblemNamesTheField()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(a.ApiKey);

        var unknown = await (await client.PostAsync("/api/api-keys", Json("{\"name\": \"k\", \"permissions\": [], \"owner\": 1}")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        var missing = await (await client.PostAsync("/api/api-keys", Json("{\"name\": \"k\"}")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-json");

        unknown.GetProperty("messageEn").GetString()!.ShouldContain("owner");
        missing.GetProperty("messageEn").GetString()!.ShouldContain("permissions");
    }

    [Theory]
    [InlineData("{\"name\": \"X\", \"kind\": \"bogus\"}")]
    [InlineData("{\"name\": \"X\", \"kind\": 3}")]
    [InlineData("{\"name\": \"X\"}")]
    public async Task CreateOrganization_BadKind_IsBadRequestProblem(string body)
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var op = await server.CreateTenantAsync("Ops", Core.Accounts.OrganizationKind.Operator);
        using var client = server.CreateClient(op.ApiKey);

        await (await client.PostAsync("/api/organizations", Json(body))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task OversizeBody_IsPayloadTooLarge()
    {
        await using var server = await LoopbackServer.StartAsync(provider, new Dictionary<string, string?> { ["ReelRights:MaxRequestBodyBytes"] = "65536" });
        var a = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(a.ApiKey);
        var huge = "{\"name\": \"" + new string('x', 200_000) + "\", \"permissions\": [\"org:read\"]}";

        var response = await client.PostAsync("/api/api-keys", Json(huge));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        (await client.GetStringAsync("/api/api-keys")).ShouldNotContain("xxxx");
    }

    [Fact]
    public async Task WrongContentType_IsUnsupportedMediaType()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(a.ApiKey);

        var response = await client.PostAsync("/api/api-keys", new StringContent("name=k", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("/api/organizations/not-a-guid")]
    [InlineData("/api/organizations/12345")]
    [InlineData("/api/organizations/%2e%2e%2fetc%2fpasswd")]
    [InlineData("/api/no-such-endpoint")]
    public async Task InvalidIdsAndUnknownRoutes_AreNotFoundProblems(string path)
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(a.ApiKey);

        await (await client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task WrongMethod_IsMethodNotAllowedProblem()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(a.ApiKey);

        await (await client.PutAsJsonAsync("/api/api-keys", new { })).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task InvalidLimitQuery_IsBadRequestProblem()
    {
        await using var server = await LoopbackServer.StartAsync(provider);
        var a = await server.CreateTenantAsync("A");
        using var client = server.CreateClient(a.ApiKey);

        await (await client.GetAsync("/api/audit?limit=lots")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }
}

public sealed class SqliteBadInputTests() : BadInputTests("Sqlite");

public sealed class PostgresBadInputTests() : BadInputTests("Postgres");
