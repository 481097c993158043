using ReelRights.Core.Data;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Mail;

/// <summary>Queues e-mail in the caller's unit of work; <see cref="MailSendJob"/> sends it after the commit.</summary>
public sealed class MailQueue(ReelRightsDbContext db, JobQueue jobs, TimeProvider time, Microsoft.Extensions.Options.IOptions<Works.RegistrationOptions> registration)
{
    /// <summary>To every member of the organization; <paramref name="link"/> (a local path) becomes an address on this platform.</summary>
    public OutgoingMail ToOrganization(Guid organizationId, string subject, string body, string? link = null) =>
        Add(new OutgoingMail { OrganizationId = organizationId, Subject = subject, BodyText = Footer(body, link) });

    private string Footer(string body, string? link) =>
        body + (link is null ? "" : $"\n查看 / Open: {registration.Value.PublicUrl.TrimEnd('/')}{link}\n") + "\n—— 短剧版权服务平台 ReelRights\n";

    public OutgoingMail ToAddress(string address, string subject, string body, (string Sha256, string Name, string Type)? attachment = null) =>
        Add(new OutgoingMail
        {
            ToAddress = address,
            Subject = subject,
            BodyText = Footer(body, null),
            AttachmentSha256 = attachment?.Sha256,
            AttachmentName = attachment?.Name,
            AttachmentType = attachment?.Type,
        });

    private OutgoingMail Add(OutgoingMail mail)
    {
        mail.Id = Guid.CreateVersion7();
        mail.State = MailState.Queued;
        mail.CreatedAt = time.GetUtcNow().UtcDateTime;
        db.OutgoingMails.Add(mail);
        jobs.Enqueue(MailSendJob.JobKind, mail.Id.ToString(), mail.OrganizationId, maxAttempts: 10);
        return mail;
    }
}
