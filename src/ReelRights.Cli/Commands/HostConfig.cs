using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ReelRights.Cli.Commands;

/// <summary>Carries global CLI options into the host's configuration.</summary>
internal static class HostConfig
{
    public static void Apply(WebApplicationBuilder builder, ParseResult parse)
    {
        if (parse.GetValue(CliApp.DataDir) is { } dir)
        {
            builder.Configuration.AddInMemoryCollection([new("ReelRights:DataDirectory", dir)]);
        }
    }
}
