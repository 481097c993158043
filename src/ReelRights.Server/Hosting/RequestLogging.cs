using System.Diagnostics;

namespace ReelRights.Server.Hosting;

/// <summary>One structured log line per request: method, path, status and duration.</summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Log(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} -> {Status} in {ElapsedMs:F1} ms")]
    private static partial void Log(ILogger logger, string method, string path, int status, double elapsedMs);
}
