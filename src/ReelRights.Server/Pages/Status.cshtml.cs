using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReelRights.Server.Pages;

public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code is >= 400 and <= 599 ? code : 404;
}
