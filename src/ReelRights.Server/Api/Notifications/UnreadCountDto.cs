namespace ReelRights.Server.Api.Notifications;

public sealed record UnreadCountDto(int Unread);
