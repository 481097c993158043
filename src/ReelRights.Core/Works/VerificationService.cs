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
        await using var intake = await MediaIntake.ReceiveAsync(content, options.Value.MaxVerifyBytes, cancellationToken);
        if (intake.Head.AsSpan().StartsWith("%PDF-"u8))
        {
            var issued = await RegistrationsAsync(r => r.CertificatePdfSha256 == intake.Sha256, cancellationToken);
            return new VerificationVerdict(VerifiedKind.Certificate, issued.Count > 0, intake.Sha256, issued);
        }
        if (intake.Head.AsSpan().StartsWith(System.Text.Encoding.ASCII.GetBytes(Receipt.Header)) && intake.Length <= 1 << 20)
        {
            return new VerificationVerdict(VerifiedKind.Receipt, false, intake.Sha256, [], await File.ReadAllTextAsync(intake.Path, cancellationToken));
        }
        return await VerifyMediaAsync(intake, cancellationToken);
    }

    /// <summary>A sealed registration by its certificate number (what the certificate's QR code leads to).</summary>
    public async Task<VerifiedRegistration?> CertificateAsync(string number, CancellationToken cancellationToken) =>
        (await RegistrationsAsync(r => r.CertificateNumber == number, cancellationToken)).FirstOrDefault();

    private async Task<VerificationVerdict> VerifyMediaAsync(MediaIntake intake, CancellationToken cancellationToken)
    {
        var sha256 = intake.Sha256;
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
        var fingerprint = await intake.FingerprintAsync(media, options.Value.MaxDurationSeconds, cancellationToken);
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
}
