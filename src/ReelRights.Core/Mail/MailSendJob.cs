using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Mail;

/// <summary>
/// Sends one queued e-mail. A failure is retried with the job system's backoff; a message already
/// marked sent is never sent again (a crash after sending and before the mark can repeat it once,
/// which is the SMTP norm: at least once).
/// </summary>
public sealed class MailSendJob(ReelRightsDbContext db, IBlobStore blobs, IMailTransport transport, IOptions<MailOptions> options, TimeProvider time) : IJobHandler
{
    public const string JobKind = "mail.send";

    public string Kind => JobKind;

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(job.Payload, out var id) || await db.OutgoingMails.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } mail)
        {
            throw new PermanentJobException($"no queued mail {job.Payload}");
        }
        if (mail.State != MailState.Queued)
        {
            return JobOutcome.Done;
        }
        var recipients = mail.ToAddress is { } to
            ? [to]
            : await db.Users.AsNoTracking().Where(u => u.OrganizationId == mail.OrganizationId).OrderBy(u => u.Email).Select(u => u.Email).ToListAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            mail.State = MailState.Undeliverable;
            mail.LastError = "no recipient: the organization has no members";
            await db.SaveChangesAsync(cancellationToken);
            return JobOutcome.Done;
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        foreach (var r in recipients)
        {
            message.To.Add(MailboxAddress.Parse(r));
        }
        message.Subject = mail.Subject;
        message.MessageId = $"{mail.Id:N}@reelrights";
        var body = new BodyBuilder { TextBody = mail.BodyText };
        if (mail.AttachmentSha256 is { } sha)
        {
            await using var stored = blobs.OpenRead(sha) ?? throw new PermanentJobException($"attachment {sha} is missing from storage");
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy, cancellationToken);
            body.Attachments.Add(mail.AttachmentName ?? "attachment", copy.ToArray(), ContentType.Parse(mail.AttachmentType ?? "application/octet-stream"));
        }
        message.Body = body.ToMessageBody();
        try
        {
            mail.SentTo = await transport.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            mail.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        mail.State = MailState.Sent;
        mail.SentAt = time.GetUtcNow().UtcDateTime;
        mail.LastError = null;
        await db.SaveChangesAsync(CancellationToken.None);
        return JobOutcome.Done;
    }
}
