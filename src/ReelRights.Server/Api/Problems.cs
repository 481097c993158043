using Microsoft.AspNetCore.Mvc;
using ReelRights.Core;

namespace ReelRights.Server.Api;

/// <summary>
/// Every error the API returns is a ProblemDetails (RFC 9457) with a stable <c>type</c> of the
/// form <c>urn:reelrights:problem:{code}</c>, a bilingual title, and the two messages apart.
/// </summary>
internal static class Problems
{
    public const string TypePrefix = "urn:reelrights:problem:";

    public static ProblemDetails Create(HttpContext context, int status, string code, string zh, string en)
    {
        var problem = new ProblemDetails
        {
            Type = TypePrefix + code,
            Status = status,
            Title = $"{zh} / {en}",
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = code;
        problem.Extensions["messageZh"] = zh;
        problem.Extensions["messageEn"] = en;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return problem;
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string zh, string en)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Create(context, status, code, zh, en), options: null, contentType: "application/problem+json");
    }

    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Locked => StatusCodes.Status423Locked,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Code and messages for responses that carry only a status (unmatched route, wrong method…).</summary>
    public static (string Code, string Zh, string En) ForStatus(int status) => status switch
    {
        400 => ("bad-request", "请求无效。", "The request is not valid."),
        401 => ("unauthorized", "请先登录或提供 API 密钥。", "Sign in or send an API key."),
        403 => ("forbidden", "没有执行此操作的权限。", "You are not allowed to do that."),
        404 => ("not-found", "找不到请求的资源。", "The requested resource was not found."),
        405 => ("method-not-allowed", "不支持该请求方法。", "This method is not allowed here."),
        413 => ("payload-too-large", "请求体超过大小上限。", "The request body is too large."),
        414 => ("uri-too-long", "请求地址过长。", "The request URI is too long."),
        415 => ("unsupported-media-type", "请求内容类型不受支持，请发送 JSON。", "Unsupported content type; send JSON."),
        >= 500 => ("internal-error", "服务器内部错误，已记录。", "Internal server error; it has been logged."),
        _ => ("http-" + status, "请求失败。", "The request failed."),
    };
}
