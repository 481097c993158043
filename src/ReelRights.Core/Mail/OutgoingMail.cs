namespace ReelRights.Core.Mail;

/// <summary>
/// One e-mail waiting to go or gone: to an address, or to every member of an organization (the
/// addresses are read when it is sent). Written in the same transaction as what it reports and
/// sent by a durable job, so a crash neither loses nor repeats it.
/// </summary>
public sealed class OutgoingMail
{
    public Guid Id { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? ToAddress { get; set; }
    public string Subject { get; set; } = "";
    public string BodyText { get; set; } = "";
    /// <summary>Blob address of one attachment (e.g. the notice HTML), with its name and type.</summary>
    public string? AttachmentSha256 { get; set; }
    public string? AttachmentName { get; set; }
    public string? AttachmentType { get; set; }
    public MailState State { get; set; }
    /// <summary>Where it went: "smtp:&lt;message id&gt;" or the .eml file written to the outbox.</summary>
    public string? SentTo { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public enum MailState
{
    Queued,
    Sent,
    /// <summary>Nobody to send to (an organization without members), or refused for good.</summary>
    Undeliverable,
}
