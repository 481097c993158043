namespace ReelRights.Server.Web;

/// <summary>
/// The language of the current page: Chinese unless the visitor switched to English (cookie
/// <c>rr-lang</c>). Pages keep both texts side by side, <c>@L["登录", "Sign in"]</c>, so a
/// translation is never out of sight of its original.
/// </summary>
public sealed class UiLanguage(IHttpContextAccessor accessor)
{
    public const string Cookie = "rr-lang";

    public bool IsEnglish => accessor.HttpContext?.Request.Cookies[Cookie] == "en";

    /// <summary>BCP 47 tag for the html lang attribute.</summary>
    public string Tag => IsEnglish ? "en" : "zh-CN";

    public string this[string zh, string en] => IsEnglish ? en : zh;
}
