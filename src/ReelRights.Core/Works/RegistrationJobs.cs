using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Fingerprints;
using ReelRights.Core.Jobs;
using Microsoft.Extensions.Logging;
using ReelRights.Media;

namespace ReelRights.Core.Works;

/// <summary>Fingerprints an uploaded episode from its stored media and records progress for the UI.</summary>
public sealed class FingerprintEpisodeJob(ReelRightsDbContext db, IBlobStore blobs, FfmpegMedia media, Notifications.NotificationService notifications) : IJobHandler
{
    public string Kind => WorkService.FingerprintJob;

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        var id = JsonDocument.Parse(job.Payload).RootElement.GetProperty("episodeId").GetGuid();
        var episode = await db.Episodes.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (episode is null || episode.State == EpisodeState.Ready)
        {
            return JobOutcome.Done;
        }
        var path = episode.MediaSha256 is { } sha ? blobs.LocalPath(sha) : null;
        if (path is null)
        {
            await FailAsync(episode, "媒体文件缺失 / the stored media is missing", cancellationToken);
            throw new PermanentJobException($"Media of episode {episode.Code} is missing.");
        }
        episode.State = EpisodeState.Fingerprinting;
        episode.Progress = 0;
        await db.SaveChangesAsync(cancellationToken);

        var duration = episode.DurationSeconds ?? 0;
        var lastReport = DateTime.UtcNow;
        try
        {
            var fingerprint = await new MediaFingerprinter(media).FingerprintAsync(path, cancellationToken, async seconds =>
            {
                if (duration > 0 && DateTime.UtcNow - lastReport > TimeSpan.FromMilliseconds(500))
                {
                    lastReport = DateTime.UtcNow;
                    var progress = Math.Min(0.99, seconds / duration);
                    await db.Episodes.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Progress, progress), CancellationToken.None);
                    await reportProgress(progress);
                }
            });
            using var buffer = new MemoryStream();
            fingerprint.WriteTo(buffer);
            buffer.Position = 0;
            var blob = await blobs.PutAsync(buffer, long.MaxValue, cancellationToken);
            episode.FingerprintSha256 = blob.Sha256;
            episode.State = EpisodeState.Ready;
            episode.Progress = 1;
            episode.Error = null;
            await db.SaveChangesAsync(cancellationToken);
            return JobOutcome.Done;
        }
        catch (MediaException e)
        {
            await FailAsync(episode, e.Message, cancellationToken);
            throw new PermanentJobException(e.Message, e);
        }
    }

    private async Task FailAsync(Episode episode, string error, CancellationToken cancellationToken)
    {
        episode.State = EpisodeState.Failed;
        episode.Error = error.Length > 1000 ? error[..1000] : error;
        // Failing by itself, with nobody watching the page: the owner is told in the app and by e-mail.
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == episode.WorkId, cancellationToken);
        notifications.Add(work.OrganizationId, "registration.fingerprint-failed", new("剧集处理失败", "Episode processing failed"),
            new($"《{work.Title}》第 {episode.Number} 集无法处理，登记未能完成：{episode.Error}", $"Episode {episode.Number} of \"{work.Title}\" could not be processed; its registration cannot complete: {episode.Error}"),
            $"/works/{work.Id}");
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Runs a submitted registration's conflict check and seals it (see <see cref="RegistrationService.CheckAsync"/>).</summary>
public sealed partial class CheckRegistrationJob(
    ReelRightsDbContext db, RegistrationService registrations, CertificateService certificates, ILogger<CheckRegistrationJob> logger) : IJobHandler
{
    public string Kind => RegistrationService.CheckJob;

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        var id = JsonDocument.Parse(job.Payload).RootElement.GetProperty("registrationId").GetGuid();
        var outcome = await registrations.CheckAsync(id, cancellationToken);
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (outcome == JobOutcome.Done && registration is { State: RegistrationState.Sealed, CertificatePdfSha256: null })
        {
            // The certificate is ready when the owner looks; if the renderer fails, it is made on first download.
            try
            {
                await certificates.PdfAsync(registration, cancellationToken);
            }
            catch (ReelRightsException e)
            {
                LogCertificateDeferred(logger, e, id);
            }
        }
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate of registration {Id} not rendered now; it will be on first download")]
    private static partial void LogCertificateDeferred(ILogger logger, Exception exception, Guid id);
}
