namespace ReelRights.Core.Notifications;

/// <summary>
/// One message in an organization's in-app inbox. Written in the same transaction as the state
/// change it reports; both languages are stored because every member chooses their own.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    /// <summary>What happened, in the audit trail's vocabulary (<c>registration.needs-review</c>…).</summary>
    public required string Kind { get; set; }
    public required string TitleZh { get; set; }
    public required string TitleEn { get; set; }
    public required string BodyZh { get; set; }
    public required string BodyEn { get; set; }
    /// <summary>A local path (<c>/works/…</c>) to the page that shows what the notification is about.</summary>
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
