using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Core.Cases.Notice;

/// <summary>
/// Writes a case's notice when it is sent: the HTML is stored content-addressed and its SHA-256
/// becomes the digest the send-notice step seals, so the notice a platform received can be proven
/// byte for byte. The PDF is printed from that stored HTML on request.
/// </summary>
public sealed class CaseNotices(ReelRightsDbContext db, IBlobStore blobs, IOptions<RegistrationOptions> options)
{
    public async Task<string> WriteAsync(EnforcementCase c, Guid? senderUserId, DateTime sentAt, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(c, senderUserId, sentAt, cancellationToken);
        var bytes = Encoding.UTF8.GetBytes(CaseNoticeHtml.Render(model));
        var blob = await blobs.PutAsync(new MemoryStream(bytes), bytes.Length, cancellationToken);
        return blob.Sha256;
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

    private async Task<CaseNoticeModel> ModelAsync(EnforcementCase c, Guid? senderUserId, DateTime sentAt, CancellationToken cancellationToken)
    {
        var claimant = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == c.ClaimantOrganizationId, cancellationToken);
        var sender = senderUserId is { } id ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken) : null;
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == c.WorkId, cancellationToken);
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => r.WorkId == c.WorkId && r.CertificateNumber != null).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var locations = await db.CaseLocations.AsNoTracking().Where(l => l.CaseId == c.Id).OrderBy(l => l.Url).ToListAsync(cancellationToken);
        var bundleIds = locations.Where(l => l.EvidenceBundleId != null).Select(l => l.EvidenceBundleId!.Value).ToList();
        var bundles = await db.EvidenceBundles.AsNoTracking().Where(b => bundleIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var publicUrl = options.Value.PublicUrl.TrimEnd('/');
        return new CaseNoticeModel
        {
            CaseNumber = c.Number,
            SentAt = sentAt,
            ClaimantName = claimant.Name,
            ClaimantContact = sender is null ? claimant.Name : $"{sender.DisplayName} <{sender.Email}>",
            PlatformName = c.PlatformName,
            WorkTitle = work.Title,
            WorkCode = work.Code,
            Registrations = registrations.Select(r => new NoticeRegistration(r.CertificateNumber!, r.LeafIndex,
                $"{publicUrl}/verify?certificate={Uri.EscapeDataString(r.CertificateNumber!)}")).ToList(),
            Locations = locations.Select(l =>
            {
                var bundle = l.EvidenceBundleId is { } b && bundles.TryGetValue(b, out var found) ? found : null;
                var spans = HitSegments.Parse(l.Segments).Select(s => new NoticeSpan(s.QueryStart, s.QueryEnd,
                    Math.Min(s.ReferenceStart, s.ReferenceEnd), Math.Max(s.ReferenceStart, s.ReferenceEnd))).ToList();
                return new NoticeLocation(l.Url, l.PlatformItemId, l.CopiedSeconds, spans, bundle?.LeafIndex, bundle?.BundleSha256);
            }).ToList(),
        };
    }
}
