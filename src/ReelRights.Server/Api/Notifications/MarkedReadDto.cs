namespace ReelRights.Server.Api.Notifications;

public sealed record MarkedReadDto(int Marked);
