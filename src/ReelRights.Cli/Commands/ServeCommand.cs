using System.CommandLine;
using ReelRights.Server;

namespace ReelRights.Cli.Commands;

internal static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "监听地址（默认 http://127.0.0.1:5080） / Listen address (default http://127.0.0.1:5080)",
        };
        var command = new Command("serve", "启动平台：网页界面、API 与后台任务 / Start the platform: web UI, API and workers") { urls };
        command.SetAction(async (parse, _) =>
        {
            var args = new List<string>();
            if (parse.GetValue(urls) is { } u)
            {
                args.Add($"--urls={u}");
            }
            return await CliErrors.GuardAsync(parse, () =>
                ServerApp.RunAsync([.. args], b => HostConfig.Apply(b, parse)));
        });
        return command;
    }
}
