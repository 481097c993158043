using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core.Accounts;
using ReelRights.Server.Auth;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

public sealed class SignInModel(UserService users) : PageModel
{
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }
    public string? Email { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = WebUiSetup.IsLocal(returnUrl) ? returnUrl! : "/";

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        Email = email;
        ReturnUrl = WebUiSetup.IsLocal(returnUrl) ? returnUrl! : "/";
        var result = await users.SignInAsync(email ?? "", password ?? "", cancellationToken);
        switch (result.Status)
        {
            case SignInStatus.Succeeded:
                await SignInCookieAsync(HttpContext, users, result.User!, cancellationToken);
                return LocalRedirect(ReturnUrl);
            case SignInStatus.LockedOut:
                var until = result.LockedUntil!.Value.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);
                ErrorZh = $"登录失败次数过多，账户已锁定至 {until}。";
                ErrorEn = $"Too many failed attempts; the account is locked until {until}.";
                break;
            default:
                ErrorZh = "邮箱或密码不正确。";
                ErrorEn = "Wrong email or password.";
                break;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    internal static async Task SignInCookieAsync(HttpContext context, UserService users, User user, CancellationToken cancellationToken)
    {
        var actor = await users.ActorForUserAsync(user, cancellationToken);
        var principal = ActorClaims.ToPrincipal(actor, CookieAuthenticationDefaults.AuthenticationScheme, user.SecurityStamp);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }
}
