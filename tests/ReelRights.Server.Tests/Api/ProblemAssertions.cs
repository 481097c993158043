using System.Net;
using System.Text.Json;

namespace ReelRights.Server.Tests.Api;

internal static class ProblemAssertions
{
    /// <summary>Asserts the response is a ProblemDetails with our stable type and both languages.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("type").GetString().ShouldBe("urn:reelrights:problem:" + code, body);
        json.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.GetProperty("messageZh").GetString().ShouldNotBeNullOrWhiteSpace();
        json.GetProperty("messageEn").GetString().ShouldNotBeNullOrWhiteSpace();
        body.ShouldNotContain("   at ");
        body.ShouldNotContain("Exception");
        return json;
    }
}
