using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Data;
using ReelRights.Core.Fingerprints;
using ReelRights.Fingerprinting.Matching;
using ReelRights.Ledger.Receipts;
using ReelRights.Media;

namespace ReelRights.Core.Works;

/// <summary>What the public verification found for one file.</summary>
public sealed record VerificationVerdict(
    VerifiedKind Kind,
    bool Registered,
    string Sha256,
    IReadOnlyList<VerifiedRegistration> Registrations,
    string? Receipt = null);

public enum VerifiedKind
{
    /// <summary>A ledger receipt: check it with the receipt verifier.</summary>
    Receipt,
    /// <summary>A PDF: registered only if it is, byte for byte, a certificate this platform issued.</summary>
    Certificate,
    /// <summary>The exact bytes of a registered episode's media.</summary>
    MediaExact,
    /// <summary>Media whose content (fingerprint) matches registered episodes.</summary>
    MediaContent,
    /// <summary>Media that matches nothing registered.</summary>
    Media,
}

/// <summary>The public facts of a sealed registration, as printed on its certificate.</summary>
public sealed record VerifiedRegistration(
    string CertificateNumber, string WorkCode, string WorkTitle, string Owner, DateTime SealedAt, long LeafIndex,
    string? EpisodeCode = null, double? Score = null, IReadOnlyList<MatchedSegment>? Segments = null);

/// <summary>
/// The public verification page's engine (no account needed): given a receipt, a certificate PDF
/// or a media file, says whether, when and to whom it was registered. Uploads go to a private
/// temporary file that is always deleted; nothing a visitor sends is kept.
/// </summary>
public sealed class VerificationService(ReelRightsDbContext db, RegistrationIndex index, FfmpegMedia media, IOptions<RegistrationOptions> options)
{
    public async Task<VerificationVerdict> VerifyAsync(Stream content, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("rr-verify-");
        try
        {
            var path = Path.Combine(directory.FullName, "upload");
            var (sha256, length, head) = await CopyAsync(content, path, cancellationToken);
            if (length == 0)
            {
                throw ReelRightsException.Invalid("empty-file", "上传的文件是空的（0 字节）。", "The uploaded file is empty (0 bytes).");
            }
            if (StartsWith(head, "%PDF-"u8))
            {
                var issued = await RegistrationsAsync(r => r.CertificatePdfSha256 == sha256, cancellationToken);
                return new VerificationVerdict(VerifiedKind.Certificate, issued.Count > 0, sha256, issued);
            }
            if (StartsWith(head, System.Text.Encoding.ASCII.GetBytes(Receipt.Header)) && length <= 1 << 20)
            {
                return new VerificationVerdict(VerifiedKind.Receipt, false, sha256, [], await File.ReadAllTextAsync(path, cancellationToken));
            }
            return await VerifyMediaAsync(path, sha256, cancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A sealed registration by its certificate number (what the certificate's QR code leads to).</summary>
    public async Task<VerifiedRegistration?> CertificateAsync(string number, CancellationToken cancellationToken) =>
        (await RegistrationsAsync(r => r.CertificateNumber == number, cancellationToken)).FirstOrDefault();

    private async Task<VerificationVerdict> VerifyMediaAsync(string path, string sha256, CancellationToken cancellationToken)
    {
        var exact = await db.Episodes.AsNoTracking().Where(e => e.MediaSha256 == sha256).ToListAsync(cancellationToken);
        var found = new List<VerifiedRegistration>();
        foreach (var episode in exact)
        {
            found.AddRange((await SealedWithEpisodeAsync(episode.Id, cancellationToken)).Select(r => r with { EpisodeCode = episode.Code }));
        }
        if (found.Count > 0)
        {
            return new VerificationVerdict(VerifiedKind.MediaExact, true, sha256, found);
        }

        ReelRights.Fingerprinting.Fingerprint fingerprint;
        try
        {
            var info = await media.ProbeAsync(path, cancellationToken);
            if (info.DurationSeconds is > 0 and var seconds && seconds > options.Value.MaxDurationSeconds)
            {
                throw ReelRightsException.Invalid("too-long", "媒体时长超过上限。", "The media is longer than the limit.");
            }
            fingerprint = await new MediaFingerprinter(media).FingerprintAsync(path, cancellationToken);
        }
        catch (MediaException e)
        {
            throw ReelRightsException.Invalid("invalid-media", $"无法识别该文件：既不是回执、证书 PDF，也不是可读的媒体（{e.Message}）。",
                $"The file is neither a receipt, a certificate PDF nor readable media ({e.Message}).");
        }
        foreach (var match in await index.MatchAsync(fingerprint, cancellationToken))
        {
            if (!Guid.TryParse(match.ReferenceId, out var episodeId))
            {
                continue;
            }
            var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, cancellationToken);
            if (episode is null)
            {
                continue;
            }
            found.AddRange((await SealedWithEpisodeAsync(episodeId, cancellationToken))
                .Select(r => r with { EpisodeCode = episode.Code, Score = Math.Round(match.Score, 3), Segments = match.Segments }));
        }
        return new VerificationVerdict(found.Count > 0 ? VerifiedKind.MediaContent : VerifiedKind.Media, found.Count > 0, sha256, found);
    }

    private async Task<List<VerifiedRegistration>> SealedWithEpisodeAsync(Guid episodeId, CancellationToken cancellationToken)
    {
        var id = episodeId.ToString();
        // Episode ids are stored as a JSON array; the registration's work narrows the search first.
        var workId = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId).Select(e => e.WorkId).SingleAsync(cancellationToken);
        var candidates = await RegistrationsAsync(r => r.WorkId == workId, cancellationToken, r => r.EpisodeIds.Contains(id));
        return candidates;
    }

    private async Task<List<VerifiedRegistration>> RegistrationsAsync(System.Linq.Expressions.Expression<Func<Registration, bool>> filter,
        CancellationToken cancellationToken, Func<Registration, bool>? also = null)
    {
        var rows = await db.Registrations.AsNoTracking().Where(r => r.State == RegistrationState.Sealed).Where(filter).ToListAsync(cancellationToken);
        var result = new List<VerifiedRegistration>();
        foreach (var r in rows.Where(r => also is null || also(r)))
        {
            var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == r.WorkId, cancellationToken);
            var owner = await db.Organizations.AsNoTracking().Where(o => o.Id == r.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            result.Add(new VerifiedRegistration(r.CertificateNumber!, work.Code, work.Title, owner, r.SealedAt!.Value, r.LeafIndex!.Value));
        }
        return result;
    }

    private async Task<(string Sha256, long Length, byte[] Head)> CopyAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxVerifyBytes;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        var head = new List<byte>(64);
        long length = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
            if (length > max)
            {
                throw new ReelRightsException(ErrorKind.Validation, "too-large", $"文件超过大小上限（{max} 字节）。", $"The file exceeds the size limit ({max} bytes).");
            }
            if (head.Count < 64)
            {
                head.AddRange(buffer.AsSpan(0, Math.Min(read, 64 - head.Count)).ToArray());
            }
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length, head.ToArray());
    }

    private static bool StartsWith(byte[] head, ReadOnlySpan<byte> prefix) => head.AsSpan().StartsWith(prefix);
}
