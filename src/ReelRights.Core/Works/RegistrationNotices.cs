using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Works;

/// <summary>
/// Who is told what when a registration is held because it matches another organization's
/// earlier registration, and when the operator decides. Each side learns only what it may already
/// see: the registrant its own episode codes and the matched codes (as in its conflict list), the
/// earlier owner its own episode codes and work, never who submitted the copy; operators see all.
/// Notifications join the caller's unit of work.
/// </summary>
public sealed class RegistrationNotices(ReelRightsDbContext db, NotificationService notifications)
{
    public const string NeedsReview = "registration.needs-review";
    public const string ConflictReported = "registration.conflict-reported";
    public const string ReviewRequested = "registration.review-requested";
    public const string Approved = "registration.approved";
    public const string Rejected = "registration.rejected";
    public const string ConflictApproved = "registration.conflict-approved";
    public const string ConflictRejected = "registration.conflict-rejected";

    /// <summary>The registration was held for review: registrant, each earlier owner and every operator organization.</summary>
    public async Task HeldAsync(Registration registration, IReadOnlyList<RegistrationConflict> conflicts, CancellationToken cancellationToken)
    {
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == registration.WorkId, cancellationToken);
        var others = conflicts.Where(c => !c.SameOwner).ToList();
        var pairs = string.Join(", ", others.Select(c => $"{c.EpisodeCode} ≈ {c.OtherEpisodeCode}").Distinct());
        notifications.Add(registration.OrganizationId, NeedsReview,
            new($"登记待审核：{work.Title}", $"Registration held for review: {work.Title}"),
            new($"《{work.Title}》（{work.Code}）的登记与其他权利人更早登记的内容相似，暂不存证，由运营方审核后决定。相似分集：{pairs}。",
                $"Your registration of “{work.Title}” ({work.Code}) matches content another owner registered earlier. It is held until an operator decides. Matching episodes: {pairs}."),
            WorkLink(work.Id));

        foreach (var (owner, workId, codes) in await EarlierOwnersAsync(others, cancellationToken))
        {
            notifications.Add(owner, ConflictReported,
                new("有登记与你的已登记分集相似", "A registration matches your registered episodes"),
                new($"另一组织提交的登记与你已登记的分集 {codes} 内容相似，已暂缓存证，等待运营方审核。审核结果会再通知你。",
                    $"A registration submitted by another organization matches your registered episode(s) {codes}. It is held for review by the operator; you will be told the outcome."),
                WorkLink(workId));
        }

        var registrant = await db.Organizations.AsNoTracking().Where(o => o.Id == registration.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var operators = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Operator).Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var op in operators.Where(o => o != registration.OrganizationId))
        {
            notifications.Add(op, ReviewRequested,
                new($"待审核登记：{work.Title}", $"Registration awaiting review: {work.Title}"),
                new($"{registrant} 提交的《{work.Title}》（{work.Code}）与其他组织更早登记的分集相似：{pairs}。请比对后决定。",
                    $"“{work.Title}” ({work.Code}) submitted by {registrant} matches episodes another organization registered earlier: {pairs}. Compare and decide."),
                "/review");
        }
    }

    /// <summary>The operator decided: the registrant and each earlier owner learn the outcome and the reason.</summary>
    public async Task DecidedAsync(Registration registration, IReadOnlyList<RegistrationConflict> conflicts, bool approved, CancellationToken cancellationToken)
    {
        var work = await db.Works.AsNoTracking().SingleAsync(w => w.Id == registration.WorkId, cancellationToken);
        var noteZh = registration.DecisionNote is { } n ? $"理由：{n}" : "未附理由。";
        var noteEn = registration.DecisionNote is { } m ? $"Reason: {m}" : "No reason was given.";
        notifications.Add(registration.OrganizationId, approved ? Approved : Rejected,
            approved
                ? new($"登记已通过审核并存证：{work.Title}", $"Registration approved and sealed: {work.Title}")
                : new($"登记被驳回：{work.Title}", $"Registration rejected: {work.Title}"),
            approved
                ? new($"运营方审核后决定仍予存证《{work.Title}》（{work.Code}），证书可在作品页下载。{noteZh}",
                    $"The operator reviewed “{work.Title}” ({work.Code}) and sealed it anyway; the certificate is on the work page. {noteEn}")
                : new($"运营方审核后驳回了《{work.Title}》（{work.Code}）的登记，未存证。{noteZh}",
                    $"The operator reviewed “{work.Title}” ({work.Code}) and rejected the registration; nothing was sealed. {noteEn}"),
            WorkLink(work.Id));

        foreach (var (owner, workId, codes) in await EarlierOwnersAsync(conflicts.Where(c => !c.SameOwner).ToList(), cancellationToken))
        {
            notifications.Add(owner, approved ? ConflictApproved : ConflictRejected,
                approved
                    ? new("相似登记已获存证", "The matching registration was sealed")
                    : new("相似登记已被驳回", "The matching registration was rejected"),
                approved
                    ? new($"与你已登记的分集 {codes} 相似的登记，经运营方审核后仍予存证。{noteZh}",
                        $"The registration that matched your episode(s) {codes} was sealed after the operator's review. {noteEn}")
                    : new($"与你已登记的分集 {codes} 相似的登记，经运营方审核后被驳回。{noteZh}",
                        $"The registration that matched your episode(s) {codes} was rejected after the operator's review. {noteEn}"),
                WorkLink(workId));
        }
    }

    /// <summary>Each earlier owner once, with their matched episode codes and the work of the first (their own page).</summary>
    private async Task<List<(Guid Owner, Guid WorkId, string Codes)>> EarlierOwnersAsync(List<RegistrationConflict> others, CancellationToken cancellationToken)
    {
        var episodeIds = others.Select(c => c.OtherEpisodeId).Distinct().ToList();
        var works = await db.Episodes.AsNoTracking().Where(e => episodeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.WorkId, cancellationToken);
        return others.Where(c => works.ContainsKey(c.OtherEpisodeId)).GroupBy(c => c.OtherOrganizationId)
            .Select(g => (g.Key, works[g.First().OtherEpisodeId], string.Join(", ", g.Select(c => c.OtherEpisodeCode).Distinct())))
            .ToList();
    }

    private static string WorkLink(Guid workId) => $"/works/{workId}";
}
