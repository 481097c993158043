using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Cases.Notice;

/// <summary>The notice sent and the send-notice step of each case it covers.</summary>
public sealed record NoticeBatch(string NoticeSha256, IReadOnlyList<MoveResult> Moves);

/// <summary>One notice for many works on one platform (Regulations art. 14 asks for the places, not for one notice per work).</summary>
public sealed class NoticeSender(ReelRightsDbContext db, CaseMoves moves, CaseNotices notices, NotificationService notifications, TimeProvider time)
{
    /// <summary>
    /// Sends one notice covering several cases of the actor's organization against one platform
    /// (one case per work): the notice is written and stored once, each case's send-notice step
    /// seals its SHA-256, the platform is told once and an unregistered platform gets one e-mail.
    /// All cases move, or none (a case that cannot send is a 409 naming it, nothing changed).
    /// </summary>
    public async Task<NoticeBatch> SendNoticeAsync(Actor actor, IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesWrite);
        var ids = caseIds.Distinct().ToList();
        if (ids.Count is 0 or > MaxCasesPerNotice)
        {
            throw ReelRightsException.Invalid("invalid-cases", $"一份通知可涵盖 1 到 {MaxCasesPerNotice} 件案件。", $"One notice covers 1 to {MaxCasesPerNotice} cases.");
        }
        var found = await db.Cases.Where(x => ids.Contains(x.Id)).ToListAsync(cancellationToken);
        if (found.Count != ids.Count || found.Any(c => !CaseMoves.RolesOf(actor, c).Contains(CaseRole.Claimant)))
        {
            throw ReelRightsException.NotFound("案件");
        }
        // The order asked for is the order listed in the notice.
        var cases = ids.Select(id => found.Single(c => c.Id == id)).ToList();
        var platforms = cases.Select(PlatformKey).Distinct().Count();
        if (platforms > 1)
        {
            throw ReelRightsException.Invalid("several-platforms",
                "一份通知只能发给一个平台；请按平台分别发送。", "One notice goes to one platform; send one per platform.");
        }
        var transitions = new List<CaseTransition>(cases.Count);
        foreach (var c in cases)
        {
            try
            {
                transitions.Add(CaseWorkflow.Resolve(c.Kind, c.State, CaseAction.SendNotice, new HashSet<CaseRole> { CaseRole.Claimant }));
            }
            catch (ReelRightsException e) when (e.Kind == ErrorKind.Conflict)
            {
                throw new ReelRightsException(ErrorKind.Conflict, e.Code, $"案件 {c.Number}：{e.MessageZh}", $"Case {c.Number}: {e.MessageEn}");
            }
        }
        var sha = await notices.WriteAsync(cases, actor.UserId, CaseMoves.Truncate(time.GetUtcNow().UtcDateTime), cancellationToken);
        var results = new List<MoveResult>(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            results.Add(await moves.StageMoveAsync(cases[i], transitions[i], CaseRole.Claimant, actor.OrganizationId, actor.UserId, new MoveInput(), sha, cancellationToken));
        }
        notices.MailToUnregisteredPlatform(cases);
        var first = cases[0];
        if (first.PlatformOrganizationId is { } platform)
        {
            var numbers = string.Join(", ", cases.Select(c => c.Number));
            notifications.Add(platform, "case", new("新的侵权通知", "New notice of infringement"),
                new($"权利人发来一份通知，涵盖 {cases.Count} 件案件：{numbers}。", $"A rights holder sent a notice covering {cases.Count} case(s): {numbers}."),
                cases.Count == 1 ? $"/cases/{first.Id}" : "/cases/inbox");
        }
        await moves.CommitAsync(cases, cancellationToken);
        return new NoticeBatch(sha, results);
    }

    /// <summary>At most this many cases (works) in one notice.</summary>
    public const int MaxCasesPerNotice = 200;

    /// <summary>Who a notice is addressed to: a registered platform by id, an unregistered one by its e-mail and name.</summary>
    private static string PlatformKey(EnforcementCase c) =>
        c.PlatformOrganizationId?.ToString() ?? $"{c.PlatformEmail?.Trim().ToLowerInvariant()}\n{c.PlatformName.Trim()}";

}
