using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ReelRights.Core.Mail;

/// <summary>Sends one message; returns where it went.</summary>
public interface IMailTransport
{
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>SMTP over MailKit, with the security <c>Mail:Smtp:Security</c> names.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = smtp.Security.ToLowerInvariant() switch
        {
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set"), smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
        var reply = await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return $"smtp:{message.MessageId} ({reply})";
    }
}

/// <summary>No SMTP server configured: each message becomes an .eml file in the outbox folder (written beside, then renamed).</summary>
public sealed class OutboxMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public string Directory => Path.GetFullPath(options.Value.OutboxDirectory ?? Path.Combine("data", "outbox"));

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
        var path = Path.Combine(Directory, name);
        var partial = path + ".part";
        await using (var file = File.Create(partial))
        {
            await message.WriteToAsync(file, cancellationToken);
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
