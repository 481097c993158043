using Microsoft.AspNetCore.Authentication;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.WebEncoders;

namespace ReelRights.Server.Web;

internal static class WebUiSetup
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        // Razor encodes every non-ASCII character as an entity by default; Chinese pages should
        // stay readable in the source and half the size.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddScoped<UiLanguage>();
        services.AddScoped<CurrentSession>();
        services.AddScoped<ReceiptCheckService>();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Invite");
            o.Conventions.AllowAnonymousToPage("/Status");
            o.Conventions.AllowAnonymousToPage("/Verify");
            o.Conventions.AllowAnonymousToPage("/Cases/Respond");
            o.Conventions.AllowAnonymousToPage("/Complaint");
        });
        return services;
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/lang/{code}", (string code, string? returnUrl, HttpContext context) =>
        {
            context.Response.Cookies.Append(UiLanguage.Cookie, code == "en" ? "en" : "zh", new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
            // Only local paths: an absolute URL here would make this an open redirect.
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
