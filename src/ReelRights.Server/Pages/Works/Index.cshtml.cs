using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Works;

/// <summary>The organization's works with their episode counts and latest registration, and the form to register a new one.</summary>
public sealed class WorksModel(CurrentSession session, WorkService works) : PageModel
{
    public IReadOnlyList<WorkSummary> Works { get; private set; } = [];
    public bool CanWrite { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    /// <summary>The create form as it was posted, so a rejected form comes back filled in.</summary>
    [BindProperty]
    public NewWorkForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.WorksRead))
        {
            return Forbid();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var aigc = new AigcDeclaration(Form.UsesAi, SplitTools(Form.AiTools), Form.AiRole, Form.HumanContribution);
            var work = await works.CreateAsync(session.Actor,
                new CreateWorkRequest(Form.Title ?? "", Form.Type, Form.Language, Form.Description, aigc), cancellationToken);
            // Straight to the new work: uploading its episodes is what the producer does next.
            return RedirectToPage("Detail", new { id = work.Id });
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            Response.StatusCode = Api.Problems.StatusFor(e.Kind);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Tools are typed as one line: "可灵, Midjourney、Suno".</summary>
    private static List<string> SplitTools(string? tools) =>
        (tools ?? "").Split([',', '，', '、', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = session.Actor;
        CanWrite = actor.Has(Permissions.WorksWrite);
        Works = actor.Has(Permissions.WorksRead)
            ? await works.SummariesAsync(actor, cancellationToken)
            : [];
    }
}
