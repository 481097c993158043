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

/// <summary>Says on the pages where e-mail goes, so nobody waits for a message that was only written to a folder.</summary>
public sealed class MailStatus(Microsoft.Extensions.Options.IOptions<MailOptions> options, OutboxMailTransport outbox)
{
    public bool UsesSmtp => options.Value.UsesSmtp;

    public (string Zh, string En) Describe() => options.Value.UsesSmtp
        ? ($"邮件经 SMTP 服务器 {options.Value.Smtp.Host} 发送。", $"E-mail is sent through the SMTP server {options.Value.Smtp.Host}.")
        : ($"未配置 SMTP 服务器：邮件未真正发出，而是写入 {outbox.Directory}（.eml 文件）。设置 Mail:Smtp:Host 后即可发送。",
            $"No SMTP server is configured: e-mail is not sent but written to {outbox.Directory} (.eml files). Set Mail:Smtp:Host to send it.");
}
