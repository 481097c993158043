using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

public sealed class ServiceModel : PageModel
{
    public ServiceInfo? Service { get; private set; }

    public IActionResult OnGet(string name)
    {
        Service = ServiceCatalog.Find(name);
        return Service is null ? NotFound() : Page();
    }
}
