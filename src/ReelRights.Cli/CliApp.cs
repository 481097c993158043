using System.CommandLine;
using ReelRights.Cli.Commands;

namespace ReelRights.Cli;

/// <summary>The <c>reelrights</c> command: help texts are Chinese first, English after the slash.</summary>
internal static class CliApp
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "数据目录（默认 ./data） / Data directory (default ./data)",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("ReelRights 短剧版权服务平台：确权、监测、取证、调解、交易 / copyright services for micro-dramas");
        root.Options.Add(DataDir);
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(AdminCommands.Build());
        root.Subcommands.Add(VerifyCommand.Build());
        root.Subcommands.Add(LedgerCommands.Build());
        root.Subcommands.Add(FingerprintCommands.Fingerprint());
        root.Subcommands.Add(FingerprintCommands.Index());
        root.Subcommands.Add(FingerprintCommands.Match());
        root.Subcommands.Add(WorksCommands.Register());
        root.Subcommands.Add(WorksCommands.Works());
        root.Subcommands.Add(CasesCommands.Build());
        root.Subcommands.Add(LicensesCommands.Build());
        root.Subcommands.Add(ValuationCommands.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
        };
        return await Build().Parse(args).InvokeAsync(config);
    }
}
