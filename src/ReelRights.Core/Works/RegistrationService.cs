using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Ledger;
using ReelRights.Fingerprinting;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Works;

/// <summary>
/// Submitting a work's episodes for registration, the conflict check, sealing on the ledger and
/// the operator's decision on registrations held for review.
/// </summary>
public sealed class RegistrationService(
    ReelRightsDbContext db, JobQueue jobs, AuditLog audit, LedgerAppender appender, LedgerReader reader,
    RegistrationIndex index, IBlobStore blobs, RegistrationNotices notices, TimeProvider time)
{
    public const string CheckJob = "check-registration";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Submits every episode not yet in a registration; the check runs in the background.</summary>
    public async Task<Registration> SubmitAsync(Actor actor, Guid workId, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksWrite);
        var work = await db.Works.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workId && w.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw ReelRightsException.NotFound("作品");
        var taken = (await db.Registrations.AsNoTracking().Where(r => r.WorkId == workId && r.State != RegistrationState.Rejected)
            .Select(r => r.EpisodeIds).ToListAsync(cancellationToken))
            .SelectMany(j => JsonSerializer.Deserialize<List<Guid>>(j) ?? []).ToHashSet();
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.WorkId == workId).OrderBy(e => e.Number).ToListAsync(cancellationToken);
        var fresh = episodes.Where(e => !taken.Contains(e.Id)).ToList();
        if (fresh.Count == 0)
        {
            throw ReelRightsException.Invalid("nothing-to-register", "没有尚未登记的分集。", "There is no episode that is not already registered.");
        }
        if (fresh.FirstOrDefault(e => e.State == EpisodeState.Failed) is { } failed)
        {
            throw ReelRightsException.Invalid("episode-failed", $"第 {failed.Number} 集处理失败：{failed.Error}", $"Episode {failed.Number} failed: {failed.Error}");
        }
        var registration = new Registration
        {
            Id = Guid.CreateVersion7(),
            WorkId = work.Id,
            OrganizationId = work.OrganizationId,
            State = RegistrationState.Checking,
            EpisodeIds = JsonSerializer.Serialize(fresh.Select(e => e.Id)),
            SubmittedBy = actor.UserId ?? actor.ApiKeyId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Registrations.Add(registration);
        jobs.Enqueue(CheckJob, JsonSerializer.Serialize(new { registrationId = registration.Id }), actor.OrganizationId, maxAttempts: 10);
        audit.Record(actor, actor.OrganizationId, "registration.submitted", registration.Id.ToString(), $"{work.Code} ×{fresh.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return registration;
    }

    public async Task<Registration> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksRead);
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        // Operators see every registration (they decide reviews); others only their own.
        return registration is not null && (registration.OrganizationId == actor.OrganizationId || actor.Has(Permissions.OrgsAdmin))
            ? registration
            : throw ReelRightsException.NotFound("登记");
    }

    public async Task<IReadOnlyList<Registration>> ForWorkAsync(Actor actor, Guid workId, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.WorksRead);
        return await db.Registrations.AsNoTracking().Where(r => r.WorkId == workId && r.OrganizationId == actor.OrganizationId)
            .OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Registration>> AwaitingReviewAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.OrgsAdmin);
        return await db.Registrations.AsNoTracking().Where(r => r.State == RegistrationState.NeedsReview).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<Receipt> ReceiptAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var registration = await GetAsync(actor, id, cancellationToken);
        if (registration.LeafIndex is not { } leaf)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "not-sealed", "该登记尚未存证上链。", "This registration has not been sealed yet.");
        }
        return await reader.ReceiptAsync(leaf, cancellationToken);
    }

    /// <summary>
    /// The background check: waits until every episode is fingerprinted, matches each against the
    /// sealed registrations, then seals or holds for review.
    /// </summary>
    public async Task<JobOutcome> CheckAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is null || registration.State != RegistrationState.Checking)
        {
            return JobOutcome.Done;
        }
        var ids = JsonSerializer.Deserialize<List<Guid>>(registration.EpisodeIds) ?? [];
        var episodes = await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Number).ToListAsync(cancellationToken);
        if (episodes.Any(e => e.State is EpisodeState.Queued or EpisodeState.Fingerprinting))
        {
            return JobOutcome.Postpone;
        }
        if (episodes.FirstOrDefault(e => e.State == EpisodeState.Failed) is { } failed)
        {
            registration.State = RegistrationState.Rejected;
            registration.DecisionNote = $"第 {failed.Number} 集处理失败 / episode {failed.Number} failed: {failed.Error}";
            registration.DecidedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return JobOutcome.Done;
        }

        var conflicts = await FindConflictsAsync(registration, episodes, cancellationToken);
        registration.Conflicts = JsonSerializer.Serialize(conflicts, Json);
        if (conflicts.Any(c => !c.SameOwner))
        {
            registration.State = RegistrationState.NeedsReview;
            audit.Record(null, registration.OrganizationId, "registration.needs-review", registration.Id.ToString(),
                string.Join(", ", conflicts.Where(c => !c.SameOwner).Select(c => $"{c.EpisodeCode}≈{c.OtherEpisodeCode}")));
            // The earlier registrant is told too: someone submitted content matching theirs.
            foreach (var other in conflicts.Where(c => !c.SameOwner).Select(c => c.OtherOrganizationId).Distinct())
            {
                audit.Record(null, other, "registration.conflict-reported", registration.Id.ToString(),
                    string.Join(", ", conflicts.Where(c => c.OtherOrganizationId == other).Select(c => c.OtherEpisodeCode)));
            }
            // The registrant, the earlier owners and the operators are told in the same transaction.
            await notices.HeldAsync(registration, conflicts, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return JobOutcome.Done;
        }
        await SealAsync(registration, episodes, cancellationToken);
        return JobOutcome.Done;
    }

    /// <summary>An operator's decision on a registration held for review: seal it anyway, or reject it.</summary>
    public async Task<Registration> DecideAsync(Actor actor, Guid id, bool approve, string? note, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.OrgsAdmin);
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw ReelRightsException.NotFound("登记");
        if (registration.State != RegistrationState.NeedsReview)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "not-in-review", "该登记不在待审核状态。", "This registration is not awaiting review.");
        }
        registration.DecidedBy = actor.UserId ?? actor.ApiKeyId;
        registration.DecidedAt = time.GetUtcNow().UtcDateTime;
        registration.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : Validation.Text(note, "note", 2000);
        audit.Record(actor, registration.OrganizationId, approve ? "registration.approved" : "registration.rejected", id.ToString(), registration.DecisionNote);
        await notices.DecidedAsync(registration, JsonSerializer.Deserialize<List<RegistrationConflict>>(registration.Conflicts, Json) ?? [], approve, cancellationToken);
        if (approve)
        {
            var ids = JsonSerializer.Deserialize<List<Guid>>(registration.EpisodeIds) ?? [];
            var episodes = await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Number).ToListAsync(cancellationToken);
            await SealAsync(registration, episodes, cancellationToken);
        }
        else
        {
            registration.State = RegistrationState.Rejected;
            await db.SaveChangesAsync(cancellationToken);
        }
        return registration;
    }

    private async Task<List<RegistrationConflict>> FindConflictsAsync(Registration registration, List<Episode> episodes, CancellationToken cancellationToken)
    {
        var found = new List<RegistrationConflict>();
        foreach (var episode in episodes)
        {
            Fingerprint query;
            await using (var stream = blobs.OpenRead(episode.FingerprintSha256!) ?? throw new InvalidOperationException($"Fingerprint of {episode.Code} is missing."))
            {
                query = Fingerprint.ReadFrom(stream);
            }
            foreach (var match in await index.MatchAsync(query, cancellationToken))
            {
                if (!Guid.TryParse(match.ReferenceId, out var otherId) || otherId == episode.Id)
                {
                    continue;
                }
                var other = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == otherId, cancellationToken);
                if (other is null || other.WorkId == registration.WorkId)
                {
                    continue;
                }
                var otherWork = await db.Works.AsNoTracking().SingleAsync(w => w.Id == other.WorkId, cancellationToken);
                var sealedAt = (await db.Registrations.AsNoTracking().Where(r => r.WorkId == other.WorkId && r.State == RegistrationState.Sealed)
                    .Select(r => r.SealedAt).ToListAsync(cancellationToken)).Min() ?? DateTime.MinValue;
                found.Add(new RegistrationConflict(episode.Id, episode.Code, other.Id, other.Code, otherWork.Title, other.OrganizationId,
                    other.OrganizationId == registration.OrganizationId, sealedAt, Math.Round(match.Score, 3),
                    match.Modality.ToString().ToLowerInvariant(), match.Segments));
            }
        }
        return found;
    }

    private async Task SealAsync(Registration registration, List<Episode> episodes, CancellationToken cancellationToken)
    {
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == registration.WorkId, cancellationToken);
        var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == registration.OrganizationId, cancellationToken);
        var rights = await db.WorkRights.AsNoTracking().Where(r => r.WorkId == work.Id).ToListAsync(cancellationToken);
        var documents = await db.WorkDocuments.AsNoTracking().Where(d => d.WorkId == work.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var certificate = CertificateNumber(now);
        var declaration = JsonSerializer.Deserialize<AigcDeclaration>(work.AigcDeclaration, Json) ?? AigcDeclaration.None;
        var contradictions = AigcContradiction.Find(declaration, episodes);
        var payload = new
        {
            registration = registration.Id,
            certificate,
            work = new { code = work.Code, title = work.Title, type = work.Type.ToString(), language = work.Language },
            owner = new { id = org.Id, name = org.Name },
            episodes = episodes.Select(e => new
            {
                code = e.Code,
                number = e.Number,
                title = e.Title,
                source = e.Source.ToString().ToLowerInvariant(),
                mediaSha256 = e.MediaSha256,
                mediaSm3 = e.MediaSm3,
                mediaSize = e.MediaSize,
                // Canonical ledger JSON allows integers only; decimals are written as strings.
                durationSeconds = e.DurationSeconds?.ToString("F3", CultureInfo.InvariantCulture),
                fingerprintSha256 = e.FingerprintSha256,
                aigcFindings = e.AigcFindings is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(e.AigcFindings),
            }),
            rights = rights.Select(r => new
            {
                right = r.Right.ToString(),
                holder = r.Holder,
                territory = r.Territory,
                startsOn = r.StartsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                endsOn = r.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                exclusive = r.Exclusive,
            }),
            aigcDeclaration = JsonSerializer.Deserialize<JsonElement>(work.AigcDeclaration),
            // Sealed as found: a label in the file that contradicts the declaration stays on record.
            aigcContradictions = contradictions.Select(c => new { episode = c.EpisodeCode, label = c.Label }),
            documents = documents.Select(d => new { kind = d.Kind.ToString(), fileName = d.FileName, sha256 = d.Sha256, sm3 = d.Sm3 }),
            conflicts = (JsonSerializer.Deserialize<List<RegistrationConflict>>(registration.Conflicts, Json) ?? []).Select(c => new
            {
                episode = c.EpisodeCode,
                matches = c.OtherEpisodeCode,
                sameOwner = c.SameOwner,
                score = c.Score.ToString("F3", CultureInfo.InvariantCulture),
            }),
            registeredAt = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        var record = LedgerRecord.Create(LedgerRecordType.Registration, JsonSerializer.SerializeToUtf8Bytes(payload, Json));
        var result = await appender.AppendAsync(record, registration.OrganizationId, cancellationToken);
        registration.State = RegistrationState.Sealed;
        registration.LeafIndex = result.LeafIndex;
        registration.SealedAt = now;
        registration.CertificateNumber = certificate;
        audit.Record(null, registration.OrganizationId, "registration.sealed", registration.Id.ToString(),
            $"{work.Code} leaf {result.LeafIndex.ToString(CultureInfo.InvariantCulture)}");
        await db.SaveChangesAsync(cancellationToken);
        index.Invalidate();
    }

    private static string CertificateNumber(DateTime now) =>
        $"RRC-{now:yyyyMMdd}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5))}";
}
