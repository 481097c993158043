using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Delivery;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Cases;

/// <summary>
/// A platform's inbox (通知处理): the notices and counter-notices waiting for it, oldest first, with
/// how long ago each notice was delivered (the "及时" of art. 1195 is judged on it); and its webhook.
/// </summary>
public sealed class CaseInboxModel(CurrentSession session, CaseService cases, CaseWebhooks webhooks, TimeProvider time) : PageModel
{
    private static readonly CaseState[] Waiting = [CaseState.NoticeSent, CaseState.CounterNoticeSubmitted, CaseState.MeasuresToBeLifted, CaseState.Disputed];

    public sealed record Row(EnforcementCase Case, DateTime? NoticeAt, CaseAction? Next);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(WebhookDelivery Delivery, IReadOnlyList<WebhookAttempt> Attempts)> Deliveries { get; private set; } = [];
    public DateTime Now { get; private set; }
    public string? Secret { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (session.Actor.OrganizationKind != OrganizationKind.Platform || !session.Actor.Has(Permissions.CasesRead))
        {
            return Forbid();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostWebhookAsync(string? url, CancellationToken cancellationToken)
    {
        try
        {
            Secret = (await webhooks.SetAsync(session.Actor, url ?? "", cancellationToken)).Secret;
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        var waiting = (await cases.ListAsync(session.Actor, null, null, 500, cancellationToken))
            .Where(c => c.PlatformOrganizationId == session.Actor.OrganizationId && Waiting.Contains(c.State)).ToList();
        var sent = await cases.NoticeSentAtAsync(session.Actor, waiting.Select(c => c.Id).ToList(), cancellationToken);
        var platform = new HashSet<CaseRole> { CaseRole.Platform };
        Rows = waiting
            .Select(c => new Row(c, sent.TryGetValue(c.Id, out var at) ? at : null,
                CaseWorkflow.Available(c.Kind, c.State, platform).Select(t => (CaseAction?)t.Action).FirstOrDefault()))
            .OrderBy(r => r.NoticeAt ?? r.Case.CreatedAt).ToList();
        Deliveries = await webhooks.LogAsync(session.Actor, 20, cancellationToken);
    }
}
