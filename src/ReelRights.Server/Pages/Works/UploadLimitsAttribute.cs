using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Works;

/// <summary>
/// Lets the work page's upload forms (media without JavaScript, .rrfp, documents) carry files up
/// to the registration limits; the site-wide body limit (1 MB by default) and the 128 MB
/// multipart limit would refuse them before the handler runs. It has to run before antiforgery
/// validation (order 1000), which is the first thing to read the form.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitsAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Room for the multipart boundaries, part headers and the small fields around the file.</summary>
    private const long FormOverhead = 1 << 20;

    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType)
        {
            return;
        }
        var options = http.RequestServices.GetRequiredService<IOptions<RegistrationOptions>>().Value;
        long? max = http.Request.Query["handler"].ToString().ToUpperInvariant() switch
        {
            "MEDIA" => options.MaxMediaBytes,
            "FINGERPRINT" => options.MaxFingerprintBytes,
            "DOCUMENT" => options.MaxDocumentBytes,
            _ => null,
        };
        if (max is not { } limit)
        {
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit + FormOverhead;
        }
        // The blob store enforces the exact per-file limit with a clear message; this only keeps
        // the form reader from stopping first.
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
        {
            MultipartBodyLengthLimit = limit + FormOverhead,
        }));
    }
}
