using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Cases.Notice;

/// <summary>
/// Writes a notice when it is sent: the HTML is stored content-addressed and its SHA-256 becomes
/// the digest the send-notice step of every case it covers seals, so the notice a platform
/// received can be proven byte for byte. The PDF is printed from that stored HTML on request.
/// </summary>
public sealed class CaseNotices(ReelRightsDbContext db, IBlobStore blobs, IOptions<RegistrationOptions> options, Mail.MailQueue mail)
{
    /// <summary>Writes one notice covering <paramref name="cases"/> (one claimant, one platform, one case per work) and returns its SHA-256.</summary>
    public async Task<string> WriteAsync(IReadOnlyList<EnforcementCase> cases, Guid? senderUserId, DateTime sentAt, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(cases, senderUserId, sentAt, cancellationToken);
        var bytes = Encoding.UTF8.GetBytes(CaseNoticeHtml.Render(model));
        var blob = await blobs.PutAsync(new MemoryStream(bytes), bytes.Length, cancellationToken);
        return blob.Sha256;
    }

    /// <summary>
    /// A platform without an account here gets the sent notice by e-mail, the sealed HTML attached:
    /// one e-mail for a notice however many cases it covers (queued in the caller's unit of work).
    /// </summary>
    internal void MailToUnregisteredPlatform(IReadOnlyList<EnforcementCase> cases)
    {
        var c = cases[0];
        if (c.PlatformOrganizationId is not null || c.PlatformEmail is not { } platformEmail || c.NoticeSha256 is not { } sha)
        {
            return;
        }
        var numbers = string.Join(", ", cases.Select(x => x.Number));
        var titles = string.Join("、", cases.Select(x => $"《{x.Title}》"));
        var titlesEn = string.Join(", ", cases.Select(x => $"\"{x.Title}\""));
        var subject = cases.Count == 1 ? c.Number : $"{c.Number} +{cases.Count - 1}";
        mail.ToAddress(platformEmail, $"侵权通知 Notice of infringement {subject}",
            $"{c.PlatformName}：\n\n附件为权利人就{titles}发送的侵权通知（案号 {numbers}），请依《民法典》第一千一百九十五条及时处理。"
            + $"\n通知 SHA-256：{sha}（已存证，可离线核验）\n\n"
            + $"Attached is the rights holder's notice of infringement for {titlesEn} (case {numbers}). Please act on it without delay under Civil Code art. 1195."
            + $"\nNotice SHA-256: {sha} (sealed on the ledger, verifiable offline)\n",
            (sha, $"notice-{c.Number}.html", "text/html; charset=utf-8"));
    }

    /// <summary>The stored notice of a case that was sent, or null.</summary>
    public async Task<byte[]?> ReadAsync(EnforcementCase c, CancellationToken cancellationToken)
    {
        if (c.NoticeSha256 is not { } sha)
        {
            return null;
        }
        return await blobs.ReadAllBytesAsync(sha, () => new ReelRightsException(ErrorKind.Unavailable, "notice-missing",
            "通知文件在存储中缺失；请联系管理员检查存储。", "The notice file is missing from storage; ask an operator to check the storage."), cancellationToken);
    }

    private async Task<CaseNoticeModel> ModelAsync(IReadOnlyList<EnforcementCase> cases, Guid? senderUserId, DateTime sentAt, CancellationToken cancellationToken)
    {
        var first = cases[0];
        var claimant = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == first.ClaimantOrganizationId, cancellationToken);
        var sender = senderUserId is { } id ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken) : null;
        var works = new List<NoticeWork>(cases.Count);
        foreach (var c in cases)
        {
            works.Add(await WorkAsync(c, cancellationToken));
        }
        return new CaseNoticeModel
        {
            SentAt = sentAt,
            ClaimantName = claimant.Name,
            ClaimantContact = sender is null ? claimant.Name : $"{sender.DisplayName} <{sender.Email}>",
            PlatformName = first.PlatformName,
            Works = works,
        };
    }

    private async Task<NoticeWork> WorkAsync(EnforcementCase c, CancellationToken cancellationToken)
    {
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == c.WorkId, cancellationToken);
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => r.WorkId == c.WorkId && r.CertificateNumber != null).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var locations = await db.CaseLocations.AsNoTracking().Where(l => l.CaseId == c.Id).OrderBy(l => l.Url).ToListAsync(cancellationToken);
        var bundleIds = locations.Where(l => l.EvidenceBundleId != null).Select(l => l.EvidenceBundleId!.Value).ToList();
        var bundles = await db.EvidenceBundles.AsNoTracking().Where(b => bundleIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var publicUrl = options.Value.PublicUrl.TrimEnd('/');
        return new NoticeWork(c.Number, work.Title, work.Code,
            registrations.Select(r => new NoticeRegistration(r.CertificateNumber!, r.LeafIndex,
                $"{publicUrl}/verify?certificate={Uri.EscapeDataString(r.CertificateNumber!)}")).ToList(),
            locations.Select(l =>
            {
                var bundle = l.EvidenceBundleId is { } b && bundles.TryGetValue(b, out var found) ? found : null;
                var spans = HitSegments.Parse(l.Segments).Select(s => new NoticeSpan(s.QueryStart, s.QueryEnd,
                    Math.Min(s.ReferenceStart, s.ReferenceEnd), Math.Max(s.ReferenceStart, s.ReferenceEnd))).ToList();
                return new NoticeLocation(l.Url, l.PlatformItemId, l.CopiedSeconds, spans, bundle?.LeafIndex, bundle?.BundleSha256);
            }).ToList());
    }
}
