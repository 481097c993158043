using System.CommandLine;
using ReelRights.Core;

namespace ReelRights.Cli.Commands;

/// <summary>Turns failures into one clear line on stderr and a non-zero exit code.</summary>
internal static class CliErrors
{
    public static async Task<int> GuardAsync(ParseResult parse, Func<Task<int>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action();
        }
        catch (ReelRightsException e)
        {
            await error.WriteLineAsync($"错误 / error: {e.MessageZh} / {e.MessageEn}");
            return 1;
        }
        catch (ReelRights.Media.MediaException e)
        {
            await error.WriteLineAsync($"错误 / error: 无法读取媒体 / cannot read the media: {e.Message}");
            return 1;
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync($"错误 / error: {e.Message}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"错误 / error: 无法连接平台 / cannot reach the platform: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"错误 / error: {e.Message}");
            return 1;
        }
    }
}
