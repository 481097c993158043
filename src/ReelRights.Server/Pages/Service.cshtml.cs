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
        // An available service has its own pages; this one only says what is still coming.
        return Service switch
        {
            null => NotFound(),
            { Href: { } href } => LocalRedirect(href),
            _ => Page(),
        };
    }
}
