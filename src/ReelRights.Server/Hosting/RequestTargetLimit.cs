using ReelRights.Server.Api;

namespace ReelRights.Server.Hosting;

/// <summary>
/// Refuses request targets (path and query) longer than 8 KiB — Kestrel's own default — with a
/// 414 problem body. Kestrel itself is given <see cref="KestrelLineLimit"/>, so only request lines
/// beyond that still get its bodiless answer.
/// </summary>
internal sealed class RequestTargetLimit(RequestDelegate next)
{
    public const int MaxTargetLength = 8 * 1024;
    public const int KestrelLineLimit = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var length = (context.Request.PathBase.Value?.Length ?? 0) + (context.Request.Path.Value?.Length ?? 0)
            + (context.Request.QueryString.Value?.Length ?? 0);
        if (length <= MaxTargetLength)
        {
            return next(context);
        }
        var (code, zh, en) = Problems.ForStatus(StatusCodes.Status414UriTooLong);
        return Problems.WriteAsync(context, StatusCodes.Status414UriTooLong, code, zh, en);
    }
}
