namespace ReelRights.Core.Mail;

/// <summary>
/// <c>Mail:*</c>: how e-mail leaves the platform. With <c>Mail:Smtp:Host</c> set, over SMTP
/// (MailKit); without it, every message is written as an .eml file to <see cref="OutboxDirectory"/>
/// (by default <c>./data/outbox</c>) and the pages say so.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>Sender shown to recipients.</summary>
    public string From { get; set; } = "ReelRights <noreply@reelrights.invalid>";
    /// <summary>Where messages go when no SMTP server is configured.</summary>
    public string? OutboxDirectory { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>auto (STARTTLS when offered), starttls, tls (implicit TLS, usually port 465), none.</summary>
    public string Security { get; set; } = "auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
