using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ReelRights.Testing;

namespace ReelRights.Cli.Tests;

/// <summary><c>reelrights admin …</c> run as a real process against each database provider.</summary>
public sealed class AdminCommandTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CreateOrgUserAndKey_ThenServe_KeyActsForThatOrganization(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var dataDir = Directory.CreateTempSubdirectory("rr-cli-").FullName;
        var env = new Dictionary<string, string>
        {
            ["REELRIGHTS_Database__Provider"] = provider,
            ["REELRIGHTS_Database__ConnectionString"] = database.ConnectionString,
            ["REELRIGHTS_Accounts__Pbkdf2Iterations"] = "1000",
            ["REELRIGHTS_PASSWORD"] = "林制片的密码很长很长很长",
        };
        string[] dir = ["--data-dir", dataDir];

        var org = await CliProcess.RunAsync(["admin", "create-org", "--name", "星河影业", "--kind", "rights-holder", .. dir], env);
        var user = await CliProcess.RunAsync(["admin", "create-user", "--org", "星河影业", "--email", "lin@xinghe.test", "--name", "林制片", "--admin", .. dir], env);
        var key = await CliProcess.RunAsync(["admin", "create-api-key", "--org", "星河影业", "--name", "ci", "--permissions", "org:read works:read", .. dir], env);

        org.Exit.ShouldBe(0, org.Stderr);
        user.Exit.ShouldBe(0, user.Stderr);
        key.Exit.ShouldBe(0, key.Stderr);
        var orgJson = JsonDocument.Parse(org.Stdout).RootElement;
        orgJson.GetProperty("name").GetString().ShouldBe("星河影业");
        var secret = JsonDocument.Parse(key.Stdout).RootElement.GetProperty("key").GetString()!;
        secret.ShouldStartWith("rr_");

        await using var served = await ServedCli.StartAsync(env, dir);
        using var client = new HttpClient { BaseAddress = served.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = JsonDocument.Parse(await client.GetStringAsync("/api/me")).RootElement;
        me.GetProperty("organization").GetProperty("id").GetGuid().ShouldBe(orgJson.GetProperty("id").GetGuid());
        me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["org:read", "works:read"]);

        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task CreateOrg_UnknownKind_ExitsNonZeroWithOneBilingualLine()
    {
        var dataDir = Directory.CreateTempSubdirectory("rr-cli-").FullName;

        var result = await CliProcess.RunAsync(["admin", "create-org", "--name", "X", "--kind", "pirate", "--data-dir", dataDir]);

        result.Exit.ShouldBe(1);
        result.Stdout.ShouldBeEmpty();
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("错误", StringComparison.Ordinal)).ToList();
        lines.ShouldHaveSingleItem().ShouldBe("错误 / error: 组织类型无效。 / Unknown organization kind.");
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task CreateUser_WithoutPassword_ExplainsHowToGiveOne()
    {
        var dataDir = Directory.CreateTempSubdirectory("rr-cli-").FullName;
        await CliProcess.RunAsync(["admin", "create-org", "--name", "Y", "--kind", "platform", "--data-dir", dataDir]);

        var result = await CliProcess.RunAsync(["admin", "create-user", "--org", "Y", "--email", "y@y.test", "--data-dir", dataDir]);
        var viaStdin = await CliProcess.RunAsync(["admin", "create-user", "--org", "Y", "--email", "y@y.test", "--password-stdin", "--data-dir", dataDir],
            new Dictionary<string, string> { ["REELRIGHTS_Accounts__Pbkdf2Iterations"] = "1000" }, stdin: "password from stdin");

        result.Exit.ShouldBe(1);
        result.Stderr.ShouldContain("REELRIGHTS_PASSWORD");
        viaStdin.Exit.ShouldBe(0, viaStdin.Stderr);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Serve_FreshDataDirectory_PrintsUrlAndOneTimeSetupLinkThatOpensSetupPage()
    {
        var dataDir = Directory.CreateTempSubdirectory("rr-cli-").FullName;

        await using var served = await ServedCli.StartAsync(new Dictionary<string, string>(), ["--data-dir", dataDir]);
        using var client = new HttpClient { BaseAddress = served.BaseAddress };
        var health = await client.GetStringAsync("/healthz");
        var setup = await client.GetAsync(served.SetupLink!);
        var signIn = await client.GetAsync("/signin");

        health.ShouldBe("Healthy");
        setup.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await setup.Content.ReadAsStringAsync()).ShouldContain("创建账户");
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        File.Exists(Path.Combine(dataDir, "reelrights.db")).ShouldBeTrue();
        Directory.Exists(Path.Combine(dataDir, "blobs")).ShouldBeTrue();
        await served.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }
}
