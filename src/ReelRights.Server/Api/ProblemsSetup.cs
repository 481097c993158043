using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ReelRights.Core;

namespace ReelRights.Server.Api;

internal static partial class ProblemsSetup
{
    public static IServiceCollection AddReelRightsProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Let malformed bodies surface as exceptions we map to stable problem types.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        });
        return services;
    }

    /// <summary>Gives framework-made problems (status-code pages) our stable type and bilingual messages.</summary>
    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(Problems.TypePrefix, StringComparison.Ordinal) == true)
        {
            return;
        }
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (code, zh, en) = Problems.ForStatus(status);
        var ours = Problems.Create(context.HttpContext, status, code, zh, en);
        problem.Type = ours.Type;
        problem.Title = ours.Title;
        problem.Detail = null;
        foreach (var (key, value) in ours.Extensions)
        {
            problem.Extensions[key] = value;
        }
    }

    private sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            ProblemDetails problem;
            switch (exception)
            {
                case ReelRightsException rr:
                    problem = Problems.Create(context, Problems.StatusFor(rr.Kind), rr.Code, rr.MessageZh, rr.MessageEn);
                    if (rr.Details is { } details)
                    {
                        problem.Extensions["errors"] = details;
                    }
                    break;
                case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                    problem = Problems.Create(context, 413, "payload-too-large", "请求体超过大小上限。", "The request body is too large.");
                    break;
                case BadHttpRequestException bad when bad.InnerException is JsonException json:
                    var (whatZh, whatEn) = DescribeJson(json);
                    problem = Problems.Create(context, 400, "invalid-json", "请求的 JSON 无效：" + whatZh, "The request JSON is not valid: " + whatEn);
                    break;
                case BadHttpRequestException bad:
                    var (code, zh, en) = Problems.ForStatus(bad.StatusCode);
                    problem = Problems.Create(context, bad.StatusCode, code, zh, en);
                    break;
                default:
                    LogUnhandled(logger, exception, context.Request.Path);
                    problem = Problems.Create(context, 500, "internal-error", "服务器内部错误，已记录。", "Internal server error; it has been logged.");
                    break;
            }
            context.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = null });
        }

        // Says what is wrong and where, without the serializer's own text (it names our types).
        private static (string Zh, string En) DescribeJson(JsonException json)
        {
            var path = json.Path ?? "$";
            var missing = MissingProperty().Match(json.Message);
            if (missing.Success)
            {
                return ($"缺少必填字段 {missing.Groups[1].Value}", $"missing required field {missing.Groups[1].Value}");
            }
            if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
            {
                return ($"未知字段 {path}", $"unknown field {path}");
            }
            return ($"{path} 处格式错误（第 {json.LineNumber + 1} 行）", $"malformed value at {path} (line {json.LineNumber + 1})");
        }

        [GeneratedRegex("missing required properties including: '([^']+)'")]
        private static partial Regex MissingProperty();

        [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Path}")]
        private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
    }
}
