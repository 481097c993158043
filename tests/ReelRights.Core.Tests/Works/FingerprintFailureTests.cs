using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Mail;
using ReelRights.Core.Works;

namespace ReelRights.Core.Tests.Works;

/// <summary>A registration that fails by itself (its media cannot be decoded) tells the owner in the app and by e-mail.</summary>
public sealed class FingerprintFailureTests
{
    [Fact]
    public async Task UndecodableMedia_EpisodeFails_OwnerNotifiedAndMailed()
    {
        await using var env = await CoreEnvironment.CreateAsync("Sqlite");
        var (org, admin) = await env.CreateOrgAsync("星河影业");
        var work = await env.Get<WorkService>().CreateAsync(admin, new CreateWorkRequest("替身新娘", WorkType.MicroDrama), CancellationToken.None);
        var garbage = "not a video at all, only text pretending to be one"u8.ToArray();
        var blob = await env.Get<IBlobStore>().PutAsync(new MemoryStream(garbage), garbage.Length, CancellationToken.None);
        var db = env.Get<ReelRightsDbContext>();
        var episode = new Episode
        {
            Id = Guid.CreateVersion7(), WorkId = work.Id, OrganizationId = org.Id, Number = 1, Code = "EP-TEST-1", Title = "第1集",
            Source = EpisodeSource.Media, MediaSha256 = blob.Sha256, MediaSize = garbage.Length, DurationSeconds = 60, State = EpisodeState.Queued,
            CreatedAt = DateTime.UtcNow,
        };
        db.Episodes.Add(episode);
        await db.SaveChangesAsync();

        await using (var scope = env.NewScope())
        {
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == WorkService.FingerprintJob);
            var job = new Job { Id = Guid.CreateVersion7(), Kind = WorkService.FingerprintJob, Payload = $"{{\"episodeId\":\"{episode.Id}\"}}" };
            await Should.ThrowAsync<PermanentJobException>(() => handler.RunAsync(job, _ => Task.CompletedTask, CancellationToken.None));
        }

        var check = env.Get<ReelRightsDbContext>();
        (await check.Episodes.AsNoTracking().SingleAsync(e => e.Id == episode.Id)).State.ShouldBe(EpisodeState.Failed);
        var notice = await check.Notifications.AsNoTracking().SingleAsync(n => n.OrganizationId == org.Id && n.Kind == "registration.fingerprint-failed");
        notice.BodyZh.ShouldContain("替身新娘");
        notice.Link.ShouldBe($"/works/{work.Id}");
        var mail = await check.OutgoingMails.AsNoTracking().SingleAsync(m => m.OrganizationId == org.Id && m.Subject.Contains("剧集处理失败"));
        mail.State.ShouldBe(MailState.Queued);
        mail.BodyText.ShouldContain($"/works/{work.Id}");
        (await check.Jobs.AsNoTracking().CountAsync(j => j.Kind == MailSendJob.JobKind && j.Payload == mail.Id.ToString())).ShouldBe(1);
    }
}
