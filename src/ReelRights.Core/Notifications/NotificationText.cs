namespace ReelRights.Core.Notifications;

/// <summary>A title or body in both languages of the UI, Chinese first.</summary>
public sealed record NotificationText(string Zh, string En);
