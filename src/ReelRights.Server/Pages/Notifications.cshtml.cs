using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Notifications;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

/// <summary>The organization's inbox: newest first, unread ones marked, each leading to its page.</summary>
public sealed class NotificationsModel(CurrentSession session, NotificationService notifications) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<Notification> Items { get; private set; } = [];
    public bool UnreadOnly { get; private set; }
    /// <summary>Where the next (older) page starts, when this one was full.</summary>
    public DateTime? OlderBefore { get; private set; }
    public bool IsFirstPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool unread, DateTime? before, CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.NotificationsRead))
        {
            return Forbid();
        }
        UnreadOnly = unread;
        IsFirstPage = before is null;
        Items = await notifications.ListAsync(session.Actor, unread, PageSize, before, cancellationToken);
        OlderBefore = Items.Count == PageSize ? Items[^1].CreatedAt : null;
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, bool unread, CancellationToken cancellationToken)
    {
        try
        {
            await notifications.MarkReadAsync(session.Actor, id, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }
        return RedirectToPage(new { unread = unread ? "true" : null });
    }

    public async Task<IActionResult> OnPostReadAllAsync(bool unread, CancellationToken cancellationToken)
    {
        await notifications.MarkAllReadAsync(session.Actor, cancellationToken);
        return RedirectToPage(new { unread = unread ? "true" : null });
    }
}
