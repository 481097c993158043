using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using ReelRights.Core.Works;

namespace ReelRights.Server.Pages;

/// <summary>
/// Lets the public verification form carry a media file up to <c>Registration:MaxVerifyBytes</c>;
/// the site-wide body limit would refuse it before the page runs. Runs before antiforgery (order
/// 1000), the first thing to read the form.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VerifyUploadLimitsAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    private const long FormOverhead = 1 << 20;

    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType)
        {
            return;
        }
        var limit = http.RequestServices.GetRequiredService<IOptions<RegistrationOptions>>().Value.MaxVerifyBytes + FormOverhead;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
    }
}
