using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace ReelRights.Testing;

/// <summary>A license made over the API, for tests of what licenses change rather than of the deal itself.</summary>
public static class LicensingSteps
{
    /// <summary>Lists <paramref name="terms"/> (an object serialized as the API's terms), has the buyer offer as listed, accepts, both sign; the license code.</summary>
    public static async Task<string> LicenseOverHttpAsync(HttpClient owner, HttpClient buyer, string workId, object terms, string title = "许可")
    {
        var listed = await owner.PostAsJsonAsync("/api/listings", new { workId, title, terms });
        if (!listed.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"listing refused: {(int)listed.StatusCode} {await listed.Content.ReadAsStringAsync()}");
        }
        var listing = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var deal = (await (await buyer.PostAsJsonAsync($"/api/listings/{listing}/offers", new { })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("deal").GetProperty("id").GetString();
        (await owner.PostAsJsonAsync($"/api/deals/{deal}/accept", new { version = 1 })).EnsureSuccessStatusCode();
        var sha = Convert.ToHexStringLower(SHA256.HashData(await owner.GetByteArrayAsync($"/api/deals/{deal}/contract.pdf")));
        (await owner.PostAsJsonAsync($"/api/deals/{deal}/sign", new { contractSha256 = sha })).EnsureSuccessStatusCode();
        var signed = await buyer.PostAsJsonAsync($"/api/deals/{deal}/sign", new { contractSha256 = sha });
        signed.EnsureSuccessStatusCode();
        return (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("licenseCode").GetString()!;
    }
}
