using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases.Calendar;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Cases;

/// <summary>
/// Makes the moves <see cref="CaseWorkflow"/> allows. Each move, in one transaction, changes the
/// state (guarded by the case's version, so two moves on the same state cannot both win), ends and
/// starts clocks (each clock a durable job, due at its deadline), records the step, tells the other
/// parties, and queues the step's seal; the seal is then made at once (see <see cref="CaseSealer"/>).
/// </summary>
public sealed class CaseMoves(ReelRightsDbContext db, JobQueue jobs, NotificationService notifications, CaseSealer sealer, TimeProvider time,
    WorkdayCalendar calendar, Notice.CaseNotices notices, Mediation.SettlementAgreements agreements, Delivery.CaseWebhooks webhooks,
    Microsoft.Extensions.Options.IOptions<CaseOptions> options)
{
    public static readonly TimeSpan RespondentLinkLifetime = TimeSpan.FromDays(30);

    private WorkdayCalendar Calendar => calendar;

    /// <summary>Stores a new case with its opening step (and, for a dispute, its first clock).</summary>
    internal async Task<EnforcementCase> OpenAsync(EnforcementCase c, IReadOnlyList<CaseLocation> locations, Actor actor, CaseRole role, string? note,
        CancellationToken cancellationToken)
    {
        var (state, starts) = CaseWorkflow.Initial(c.Kind);
        c.State = state;
        db.Cases.Add(c);
        db.CaseLocations.AddRange(locations);
        Step(c, 1, null, null, state, role, actor.OrganizationId, actor.UserId, note, null, null);
        if (starts is { } clock)
        {
            await StartClockAsync(c, clock, cancellationToken);
        }
        NotifyParties(c, actor.OrganizationId, new("新的维权案件", "New enforcement case"),
            new($"案件 {c.Number}（{c.Title}）：{CaseText.State(state).Zh}。", $"Case {c.Number} ({c.Title}): {CaseText.State(state).En}."));
        await CommitAsync([c], cancellationToken);
        return c;
    }

    /// <summary>A party's move on a case it can see; anyone else gets 404.</summary>
    public async Task<MoveResult> ActAsync(Actor actor, Guid caseId, CaseAction action, MoveInput input, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesWrite);
        var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken);
        if (c is null || RolesOf(actor, c).Count == 0)
        {
            throw ReelRightsException.NotFound("案件");
        }
        var transition = CaseWorkflow.Resolve(c.Kind, c.State, action, RolesOf(actor, c));
        var role = transition.By.First(RolesOf(actor, c).Contains);
        return await MoveAsync(c, transition, role, actor.OrganizationId, actor.UserId, input, cancellationToken);
    }

    /// <summary>The respondent's move, authorized by its one-time link.</summary>
    public async Task<MoveResult> ActAsRespondentAsync(string token, CaseAction action, MoveInput input, CancellationToken cancellationToken)
    {
        var found = await FindByRespondentTokenAsync(token, cancellationToken);
        var c = await db.Cases.SingleAsync(x => x.Id == found.Id, cancellationToken);
        var transition = CaseWorkflow.Resolve(c.Kind, c.State, action, new HashSet<CaseRole> { CaseRole.Respondent });
        return await MoveAsync(c, transition, CaseRole.Respondent, null, null, input, cancellationToken);
    }

    /// <summary>The operator assigns the mediator who may accept a proposed mediation.</summary>
    public async Task AssignMediatorAsync(Actor actor, Guid caseId, Guid mediatorOrganizationId, CancellationToken cancellationToken)
    {
        if (actor.OrganizationKind != OrganizationKind.Operator)
        {
            throw ReelRightsException.Forbidden("只有运营方可以指派调解员。", "Only the operator assigns mediators.");
        }
        var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken) ?? throw ReelRightsException.NotFound("案件");
        var mediator = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == mediatorOrganizationId, cancellationToken);
        if (mediator?.Kind != OrganizationKind.Mediator)
        {
            throw ReelRightsException.Invalid("unknown-mediator", "所选组织不是调解机构。", "The chosen organization is not a mediator.");
        }
        if (CaseWorkflow.IsTerminal(c.State))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "illegal-transition", "案件已结束，不能指派调解员。", "The case has ended; no mediator can be assigned.");
        }
        c.MediatorOrganizationId = mediator.Id;
        c.Version++;
        c.UpdatedAt = Now();
        notifications.Add(mediator.Id, "case", new("新的调解案件", "New mediation case"),
            new($"运营方指派您调解案件 {c.Number}。", $"The operator assigned you case {c.Number} to mediate."), $"/cases/{c.Id}");
        await SaveAsync(cancellationToken);
    }

    /// <summary>What a clock does when its job comes due: remind once, or expire and make the clock's move.</summary>
    internal async Task<JobOutcome> RunClockAsync(Guid deadlineId, bool remind, CancellationToken cancellationToken)
    {
        var deadline = await db.CaseDeadlines.SingleOrDefaultAsync(d => d.Id == deadlineId, cancellationToken);
        if (deadline is null || deadline.State != DeadlineState.Running)
        {
            return JobOutcome.Done;
        }
        var c = await db.Cases.SingleAsync(x => x.Id == deadline.CaseId, cancellationToken);
        var now = Now();
        var label = CaseText.Clock(deadline.Clock);
        if (remind)
        {
            if (deadline.RemindedAt is null)
            {
                deadline.RemindedAt = now;
                c.Version++;
                NotifyParties(c, null, new("期限即将届满", "Deadline approaching"),
                    new($"案件 {c.Number}：{label.Zh}将于 {China(deadline.DueAt)} 届满。", $"Case {c.Number}: the {label.En} ends {China(deadline.DueAt)}."));
                await SaveAsync(cancellationToken);
            }
            return JobOutcome.Done;
        }
        if (now < deadline.DueAt)
        {
            return JobOutcome.Postpone;
        }
        deadline.State = DeadlineState.Expired;
        deadline.EndedAt = now;
        if (CaseWorkflow.OnExpiry(deadline.Clock) is { } action
            && CaseWorkflow.Transitions.FirstOrDefault(t => t.Kind == c.Kind && t.Action == action && t.From.Contains(c.State)) is { } transition)
        {
            await MoveAsync(c, transition, CaseRole.Clock, null, null, new MoveInput { Note = $"{label.Zh}已届满 / the {label.En} has ended" }, cancellationToken);
            return JobOutcome.Done;
        }
        c.Version++;
        NotifyParties(c, null, new("期限已届满", "Deadline passed"), new($"案件 {c.Number}：{label.Zh}已届满。", $"Case {c.Number}: the {label.En} has ended."));
        await SaveAsync(cancellationToken);
        return JobOutcome.Done;
    }

    internal async Task<EnforcementCase> FindByRespondentTokenAsync(string token, CancellationToken cancellationToken)
    {
        byte[] hash;
        try
        {
            hash = SHA256.HashData(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4)));
        }
        catch (FormatException)
        {
            throw InvalidLink();
        }
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.RespondentTokenHash == hash, cancellationToken) ?? throw InvalidLink();
        if (c.RespondentTokenExpiresAt is not { } expires || expires < Now() || CaseWorkflow.IsTerminal(c.State))
        {
            throw new ReelRightsException(ErrorKind.Unauthorized, "link-expired",
                "此链接已过期或案件已结束，请联系平台重新发送。", "This link has expired or the case has ended; ask the platform to send a new one.");
        }
        return c;
    }

    internal static IReadOnlySet<CaseRole> RolesOf(Actor actor, EnforcementCase c)
    {
        var roles = new HashSet<CaseRole>();
        if (actor.OrganizationId == c.ClaimantOrganizationId)
        {
            roles.Add(CaseRole.Claimant);
        }
        if (actor.OrganizationId == c.PlatformOrganizationId)
        {
            roles.Add(CaseRole.Platform);
        }
        if (actor.OrganizationId == c.MediatorOrganizationId)
        {
            roles.Add(CaseRole.Mediator);
        }
        if (actor.OrganizationKind == OrganizationKind.Operator)
        {
            roles.Add(CaseRole.Operator);
        }
        return roles;
    }

    /// <summary>Times are kept to the millisecond, the precision the sealed step states.</summary>
    internal static DateTime Truncate(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private async Task<MoveResult> MoveAsync(EnforcementCase c, CaseTransition transition, CaseRole role, Guid? actorOrg, Guid? actorUser, MoveInput input,
        CancellationToken cancellationToken)
    {
        var result = await StageMoveAsync(c, transition, role, actorOrg, actorUser, input, null, cancellationToken);
        if (transition.Action == CaseAction.SendNotice)
        {
            notices.MailToUnregisteredPlatform([c]);
        }
        NotifyMove(c, actorOrg, role, transition);
        await CommitAsync([c], cancellationToken);
        return result;
    }

    private void NotifyMove(EnforcementCase c, Guid? actorOrg, CaseRole role, CaseTransition transition) =>
        NotifyParties(c, actorOrg, new($"案件 {c.Number}：{CaseText.State(transition.To).Zh}", $"Case {c.Number}: {CaseText.State(transition.To).En}"),
            new($"{CaseText.Role(role).Zh}已{CaseText.Action(transition.Action).Zh}。", $"The {CaseText.Role(role).En} did: {CaseText.Action(transition.Action).En}."));

    /// <summary>
    /// Makes the move in memory (state, clocks, step, webhooks), for the caller to notify and
    /// commit. A send-notice step seals <paramref name="noticeSha256"/> when given (a notice
    /// covering several cases), or writes the case's own notice.
    /// </summary>
    internal async Task<MoveResult> StageMoveAsync(EnforcementCase c, CaseTransition transition, CaseRole role, Guid? actorOrg, Guid? actorUser, MoveInput input,
        string? noticeSha256, CancellationToken cancellationToken)
    {
        var note = Validation.OptionalText(input.Note, 8000, "note");
        var from = c.State;
        string? token = null;
        Mediation.SettlementAgreement? agreement = null;
        switch (transition.Action)
        {
            case CaseAction.RecordMeasure:
                await RecordMeasuresAsync(c, input, cancellationToken);
                break;
            case CaseAction.RejectNotice when note is null:
            case CaseAction.FailMediation when note is null:
                throw ReelRightsException.Invalid("reason-required", "请说明理由。", "Give the reason.");
            case CaseAction.SubmitCounterNotice:
                note = await CounterNoticeAsync(c, input, note, cancellationToken);
                break;
            case CaseAction.SignAgreement:
                agreement = await agreements.ForSignatureAsync(c, role, input.AgreementSha256, cancellationToken);
                break;
            case CaseAction.Settle:
                agreement = await agreements.CurrentAsync(c.Id, cancellationToken);
                if (agreement?.State != Mediation.AgreementState.Signed)
                {
                    throw new ReelRightsException(ErrorKind.Conflict, "agreement-unsigned",
                        "和解协议尚未由双方签署，不能记录调解成功。", "The settlement agreement has not been signed by both parties; the settlement cannot be recorded.");
                }
                note = await agreements.SettlementNoteAsync(c, agreement, note, cancellationToken);
                break;
            case CaseAction.AcceptMediation when c.MediatorOrganizationId is null:
                throw new ReelRightsException(ErrorKind.Conflict, "no-mediator", "运营方尚未指派调解员。", "The operator has not assigned a mediator yet.");
            case CaseAction.ForwardToRespondent:
                token = IssueRespondentToken(c);
                break;
        }
        var attachments = AttachmentsDigest(input.AttachmentsSha256);
        string? attachmentsSm3 = null;
        if (agreement is not null)
        {
            // Signing and settling seal the exact agreement PDF.
            attachments = agreement.PdfSha256;
            attachmentsSm3 = agreement.PdfSm3;
        }
        if (transition.Action == CaseAction.SendNotice)
        {
            // The step seals the notice exactly as written for the platform.
            c.NoticeSha256 = noticeSha256 ?? await notices.WriteAsync([c], actorUser, Now(), cancellationToken);
            attachments = c.NoticeSha256;
        }
        c.State = transition.To;
        c.Closure = transition.Closure ?? c.Closure;
        c.Version++;
        c.UpdatedAt = Now();
        if (transition.Stops.Count > 0)
        {
            foreach (var running in await db.CaseDeadlines.Where(d => d.CaseId == c.Id && d.State == DeadlineState.Running).ToListAsync(cancellationToken))
            {
                // The clock that just expired is already marked so in memory; it is not stopped too.
                if (transition.Stops.Contains(running.Clock) && running.State == DeadlineState.Running)
                {
                    running.State = DeadlineState.Stopped;
                    running.EndedAt = c.UpdatedAt;
                }
            }
        }
        if (transition.Starts is { } clock)
        {
            await StartClockAsync(c, clock, cancellationToken);
        }
        var sequence = await db.CaseEvents.CountAsync(e => e.CaseId == c.Id, cancellationToken) + 1;
        var step = Step(c, sequence, transition.Action, from, transition.To, role, actorOrg, actorUser, note, attachments, attachmentsSm3);
        if (transition.Action == CaseAction.SignAgreement)
        {
            await agreements.AddSignatureAsync(c, agreement!, step, cancellationToken);
        }
        await webhooks.QueueAsync(c, step, cancellationToken);
        return new MoveResult(c, step, token);
    }

    private async Task RecordMeasuresAsync(EnforcementCase c, MoveInput input, CancellationToken cancellationToken)
    {
        if (input.Measures is not { Count: > 0 } measures)
        {
            throw ReelRightsException.Invalid("measures-required", "请逐个地址记录所采取的措施。", "Record the measure taken for each location.");
        }
        var ids = measures.Select(m => m.LocationId).ToList();
        var locations = await db.CaseLocations.Where(l => l.CaseId == c.Id && ids.Contains(l.Id)).ToListAsync(cancellationToken);
        if (locations.Count != ids.Distinct().Count())
        {
            throw ReelRightsException.Invalid("unknown-location", "有地址不属于本案件。", "A location is not part of this case.");
        }
        foreach (var m in measures)
        {
            var location = locations.Single(l => l.Id == m.LocationId);
            location.Measure = m.Measure;
            location.MeasureNote = Validation.OptionalText(m.Note, 2000, "measure.note");
            if (m.Measure == CaseMeasure.Rejected && location.MeasureNote is null)
            {
                throw ReelRightsException.Invalid("reason-required", "拒绝处理某个地址时请说明理由。", "Give the reason for rejecting a location.");
            }
            location.MeasureAt = Now();
            if (m.Measure is CaseMeasure.Removed or CaseMeasure.Blocked or CaseMeasure.LinksDisconnected)
            {
                // Monitoring looks again later: a copy still served is shown as "measure not effective".
                location.Recheck = null;
                location.RecheckedAt = null;
                location.RecheckDetail = null;
                jobs.Enqueue(MeasureRecheckJob.JobKind, MeasureRecheckJob.Payload(c.Id, location.Id), c.ClaimantOrganizationId, maxAttempts: 3,
                    delay: options.Value.RecheckDelay);
            }
        }
    }

    /// <summary>Art. 1196: real identity and preliminary evidence; a registration code given is checked against the sealed registrations.</summary>
    private async Task<string> CounterNoticeAsync(EnforcementCase c, MoveInput input, string? statement, CancellationToken cancellationToken)
    {
        var name = Validation.OptionalText(input.RespondentName, 200, "respondentName");
        var contact = Validation.OptionalText(input.RespondentContact, 400, "respondentContact");
        if (name is null || contact is null || statement is null)
        {
            throw ReelRightsException.Invalid("counter-notice-incomplete",
                "不侵权声明须包含真实身份（姓名或名称）、联系方式和不侵权的理由。", "A counter-notice needs the respondent's real name, contact and the grounds of non-infringement.");
        }
        c.RespondentName = name;
        c.RespondentContact = contact;
        var lines = new List<string> { $"声明人 / by: {name} ({contact})", statement };
        if (Validation.OptionalText(input.RegistrationCode, 100, "registrationCode") is { } code)
        {
            var registered = await db.Works.AnyAsync(w => w.Code == code, cancellationToken) || await db.Episodes.AnyAsync(e => e.Code == code, cancellationToken);
            lines.Add(registered
                ? $"登记号 {code}：已在本平台登记核实 / registration {code}: verified on this platform's ledger"
                : $"登记号 {code}：未找到，未核实 / registration {code}: not found, not verified");
        }
        return string.Join('\n', lines);
    }

    private string IssueRespondentToken(EnforcementCase c)
    {
        var token = RandomNumberGenerator.GetBytes(32);
        c.RespondentTokenHash = SHA256.HashData(token);
        c.RespondentTokenExpiresAt = Now() + RespondentLinkLifetime;
        return Convert.ToBase64String(token).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private async Task StartClockAsync(EnforcementCase c, ClockKind clock, CancellationToken cancellationToken)
    {
        var rule = await ClockRules.ForAsync(db, c, clock, cancellationToken);
        var start = new DateTimeOffset(Now(), TimeSpan.Zero);
        var due = rule.DueAt(start, Calendar);
        var remind = rule.RemindAt(start, due, Calendar);
        var deadline = new CaseDeadline
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            Clock = clock,
            Rule = rule.Describe(),
            StartedAt = start.UtcDateTime,
            DueAt = due.UtcDateTime,
            RemindAt = remind?.UtcDateTime,
            State = DeadlineState.Running,
        };
        db.CaseDeadlines.Add(deadline);
        jobs.Enqueue(CaseClockJob.JobKind, CaseClockJob.Payload(deadline.Id, remind: false), c.ClaimantOrganizationId, maxAttempts: 20, delay: due - start);
        if (remind is { } at)
        {
            jobs.Enqueue(CaseClockJob.JobKind, CaseClockJob.Payload(deadline.Id, remind: true), c.ClaimantOrganizationId, maxAttempts: 20, delay: at - start);
        }
    }

    private CaseEvent Step(EnforcementCase c, int sequence, CaseAction? action, CaseState? from, CaseState to, CaseRole role, Guid? org, Guid? user,
        string? note, string? attachments, string? attachmentsSm3)
    {
        var step = new CaseEvent
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            Sequence = sequence,
            Action = action,
            FromState = from,
            ToState = to,
            ActorRole = role,
            ActorOrganizationId = org,
            ActorUserId = user,
            Note = note,
            AttachmentsSha256 = attachments,
            AttachmentsSm3 = attachmentsSm3,
            At = Now(),
        };
        db.CaseEvents.Add(step);
        return step;
    }

    private static string? AttachmentsDigest(IReadOnlyList<string>? digests)
    {
        if (digests is not { Count: > 0 })
        {
            return null;
        }
        var joined = string.Join('\n', digests.Select(d => Validation.HexDigest(d, "attachmentsSha256")).Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(joined)));
    }

    internal void NotifyParties(EnforcementCase c, Guid? except, NotificationText title, NotificationText body)
    {
        foreach (var org in new[] { c.ClaimantOrganizationId, c.PlatformOrganizationId, c.MediatorOrganizationId }.OfType<Guid>().Distinct())
        {
            if (org != except)
            {
                notifications.Add(org, "case", title, body, $"/cases/{c.Id}");
            }
        }
    }

    internal async Task CommitAsync(IReadOnlyList<EnforcementCase> cases, CancellationToken cancellationToken)
    {
        foreach (var c in cases)
        {
            jobs.Enqueue(CaseSealJob.JobKind, CaseSealJob.Payload(c.Id), c.ClaimantOrganizationId, delay: TimeSpan.FromMinutes(1));
        }
        await SaveAsync(cancellationToken);
        foreach (var c in cases)
        {
            await sealer.SealPendingAsync(c.Id, cancellationToken);
        }
    }

    private Task SaveAsync(CancellationToken cancellationToken) => SaveOrConflictAsync(db, cancellationToken);

    /// <summary>Saves; a concurrent change of the same case (its version, or a unique step number) is a 409 "case-changed", nothing saved.</summary>
    internal static async Task SaveOrConflictAsync(ReelRightsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
            || e.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true)
        {
            db.ChangeTracker.Clear();
            throw new ReelRightsException(ErrorKind.Conflict, "case-changed",
                "案件刚被其他人更新，请刷新后重试。", "The case was just changed by someone else; reload and try again.");
        }
    }

    private DateTime Now() => Truncate(time.GetUtcNow().UtcDateTime);

    private static string China(DateTime utc) =>
        new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(ClockRule.ChinaOffset).ToString("yyyy-MM-dd HH:mm '(UTC+8)'", System.Globalization.CultureInfo.InvariantCulture);

    private static ReelRightsException InvalidLink() =>
        new(ErrorKind.NotFound, "invalid-link", "链接无效。", "This link is not valid.");
}
