namespace ReelRights.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData(new[] { "--help" }, "启动平台", "Start the platform")]
    [InlineData(new[] { "admin", "--help" }, "创建组织", "Create an organization")]
    [InlineData(new[] { "admin", "create-api-key", "--help" }, "只显示一次", "shown once")]
    public async Task Help_AnyLevel_IsChineseAndEnglish(string[] args, string zh, string en)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(args, stdout, stderr);

        exit.ShouldBe(0);
        stdout.ToString().ShouldContain(zh);
        stdout.ToString().ShouldContain(en);
    }

    [Fact]
    public async Task Parse_MissingRequiredOption_FailsWithNonZeroExit()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["admin", "create-org", "--name", "X"], stdout, stderr);

        exit.ShouldNotBe(0);
        stderr.ToString().ShouldContain("--kind");
    }
}
