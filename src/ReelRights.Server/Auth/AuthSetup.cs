using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ReelRights.Core.Accounts;
using ReelRights.Server.Api;

namespace ReelRights.Server.Auth;

/// <summary>
/// Two ways in: a sign-in cookie for people using the web UI and API keys for machines. A policy
/// scheme picks the key handler whenever a key header is present, so a request never mixes them.
/// </summary>
internal static class AuthSetup
{
    private const string Smart = "ReelRights";

    public static IServiceCollection AddReelRightsAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.HasKey(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "rr-auth";
                o.Cookie.HttpOnly = true;
                // Strict keeps a browser from sending the cookie on cross-site requests, which is
                // what protects the JSON API (no antiforgery token there) from CSRF.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/status/403";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateAsync;
                o.Events.OnRedirectToLogin = context => IsApi(context.Request)
                    ? Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "unauthorized", "请先登录或提供 API 密钥。", "Sign in or send an API key.")
                    : Redirect(context);
                o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                    ? Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden", "没有执行此操作的权限。", "You are not allowed to do that.")
                    : Redirect(context);
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Re-reads the user on every request: a removed or locked user, or one whose password
    /// changed, is signed out at once, and permissions are always current.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserService>();
        var stamp = principal?.FindFirst(ActorClaims.SecurityStamp)?.Value;
        var actor = Guid.TryParse(principal?.FindFirst(ActorClaims.UserId)?.Value, out var id) && stamp is not null
            ? await users.ActorForUserAsync(id, stamp, context.HttpContext.RequestAborted)
            : null;
        if (actor is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.ReplacePrincipal(ActorClaims.ToPrincipal(actor, CookieAuthenticationDefaults.AuthenticationScheme, stamp));
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
