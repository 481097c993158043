using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReelRights.Core.Notifications;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Notifications;

/// <summary>/api/notifications: the organization's inbox, newest first, and marking read.</summary>
internal static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", ListAsync)
            .WithSummary("本组织的通知（最新在前；before 传上一页最后一条的 createdAt）/ This organization's notifications, newest first (before = createdAt of the last one received)");
        notifications.MapGet("/unread-count", UnreadCountAsync).WithSummary("未读通知数 / Number of unread notifications");
        notifications.MapPost("/{id:guid}/read", MarkReadAsync).WithSummary("标为已读 / Mark one notification read");
        notifications.MapPost("/read-all", MarkAllReadAsync).WithSummary("全部标为已读 / Mark every notification read");
    }

    private static async Task<Ok<List<NotificationDto>>> ListAsync(ClaimsPrincipal principal, NotificationService notifications, CancellationToken ct,
        bool unread = false, int? limit = null, DateTime? before = null) =>
        TypedResults.Ok((await notifications.ListAsync(principal.ToActor(), unread, limit, before, ct)).Select(NotificationDto.From).ToList());

    private static async Task<Ok<UnreadCountDto>> UnreadCountAsync(ClaimsPrincipal principal, NotificationService notifications, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCountDto(await notifications.CountUnreadAsync(principal.ToActor(), ct)));

    private static async Task<Ok<NotificationDto>> MarkReadAsync(Guid id, ClaimsPrincipal principal, NotificationService notifications, CancellationToken ct) =>
        TypedResults.Ok(NotificationDto.From(await notifications.MarkReadAsync(principal.ToActor(), id, ct)));

    private static async Task<Ok<MarkedReadDto>> MarkAllReadAsync(ClaimsPrincipal principal, NotificationService notifications, CancellationToken ct) =>
        TypedResults.Ok(new MarkedReadDto(await notifications.MarkAllReadAsync(principal.ToActor(), ct)));
}
