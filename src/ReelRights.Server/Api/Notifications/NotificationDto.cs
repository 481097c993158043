using ReelRights.Core.Notifications;

namespace ReelRights.Server.Api.Notifications;

public sealed record NotificationDto(Guid Id, string Kind, string TitleZh, string TitleEn, string BodyZh, string BodyEn, string? Link,
    DateTime CreatedAt, DateTime? ReadAt)
{
    public static NotificationDto From(Notification n) =>
        new(n.Id, n.Kind, n.TitleZh, n.TitleEn, n.BodyZh, n.BodyEn, n.Link, n.CreatedAt, n.ReadAt);
}
