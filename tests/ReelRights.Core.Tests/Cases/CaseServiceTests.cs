using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Works;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Tests.Cases;

/// <summary>
/// Cases on both databases, as the parties move them: notice, measures, counter-notice and the
/// reasonable period, complaint, mediation, screening dispute and appeal, with the fake clock
/// and the real calendar; clock jobs run from the durable queue, twice where it matters.
/// </summary>
public sealed class CaseServiceTests
{
    private sealed record Parties(CoreEnvironment Env, Actor Claimant, Actor Platform, Actor Operator, Actor Mediator, Actor Stranger, Guid WorkId);

    private static async Task<Parties> PartiesAsync(string provider)
    {
        var env = await CoreEnvironment.CreateAsync(provider);
        var (_, claimant) = await env.CreateOrgAsync("星河影业");
        var (_, platform) = await env.CreateOrgAsync("快看视频", OrganizationKind.Platform);
        var (_, op) = await env.CreateOrgAsync("协会运营", OrganizationKind.Operator);
        var (_, mediator) = await env.CreateOrgAsync("版权调解中心", OrganizationKind.Mediator);
        var (_, stranger) = await env.CreateOrgAsync("别家影业");
        var work = await env.Get<WorkService>().CreateAsync(claimant, new CreateWorkRequest("霸道总裁的替身新娘", WorkType.MicroDrama), CancellationToken.None);
        return new Parties(env, claimant, platform, op, mediator, stranger, work.Id);
    }

    private static Task<EnforcementCase> OpenAsync(Parties p) =>
        p.Env.Get<CaseService>().OpenManualAsync(p.Claimant, p.WorkId, new PlatformParty(p.Platform.OrganizationId, null, null),
            new RespondentParty("盗版上传者", null),
            [new ManualLocation("https://video.example/v/1", "item-1"), new ManualLocation("https://video.example/v/2", null)], CancellationToken.None);

    private static async Task<MoveResult> ActAsync(Parties p, Actor actor, Guid id, CaseAction action, MoveInput? input = null)
    {
        await using var scope = p.Env.NewScope();
        return await scope.ServiceProvider.GetRequiredService<CaseMoves>().ActAsync(actor, id, action, input ?? new MoveInput(), CancellationToken.None);
    }

    private static async Task<CaseDetail> DetailAsync(Parties p, Actor actor, Guid id)
    {
        await using var scope = p.Env.NewScope();
        return await scope.ServiceProvider.GetRequiredService<CaseService>().GetAsync(actor, id, CancellationToken.None);
    }

    /// <summary>Claims and runs every due job of the given kinds, each in its own scope, as a worker would; returns how many ran.</summary>
    private static async Task<int> RunDueJobsAsync(Parties p, params string[] kinds)
    {
        var ran = 0;
        while (true)
        {
            await using var scope = p.Env.NewScope();
            var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
            var job = await queue.ClaimAsync("test-worker", kinds, CancellationToken.None);
            if (job is null)
            {
                return ran;
            }
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == job.Kind);
            await handler.RunAsync(job, _ => Task.CompletedTask, CancellationToken.None);
            await queue.CompleteAsync(job.Id, "test-worker", CancellationToken.None);
            ran++;
        }
    }

    private static async Task<MoveResult> ToCounterNoticeForwardedAsync(Parties p, Guid id)
    {
        await ActAsync(p, p.Claimant, id, CaseAction.SendNotice);
        var detail = await DetailAsync(p, p.Platform, id);
        await ActAsync(p, p.Platform, id, CaseAction.RecordMeasure, new MoveInput
        {
            Measures = detail.Locations.Select(l => new LocationMeasure(l.Id, CaseMeasure.Removed, null)).ToList(),
        });
        var forwarded = await ActAsync(p, p.Platform, id, CaseAction.ForwardToRespondent);
        await using (var scope = p.Env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseMoves>().ActAsRespondentAsync(forwarded.RespondentToken!, CaseAction.SubmitCounterNotice, new MoveInput
            {
                RespondentName = "李某",
                RespondentContact = "li@example.test",
                Note = "该视频为本人原创拍摄。",
                RegistrationCode = "RR-NOT-REGISTERED",
            }, CancellationToken.None);
        }
        return await ActAsync(p, p.Platform, id, CaseAction.ForwardCounterNotice);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CounterNotice_ReasonablePeriodExpires_MeasuresToBeLiftedOnceThenLifted(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var opened = await OpenAsync(p);

        await ToCounterNoticeForwardedAsync(p, opened.Id);
        var forwarded = await DetailAsync(p, p.Claimant, opened.Id);
        var clock = forwarded.Deadlines.Single(d => d.Clock == ClockKind.ComplaintPeriod);
        // Forwarded on Saturday 21 November 2026: 20 working days end on Friday 18 December.
        clock.DueAt.ShouldBe(new DateTime(2026, 12, 18, 16, 0, 0, DateTimeKind.Utc));
        clock.RemindAt.ShouldBe(new DateTime(2026, 12, 15, 1, 0, 0, DateTimeKind.Utc));
        (await RunDueJobsAsync(p, CaseClockJob.JobKind)).ShouldBe(0);

        p.Env.Time.Advance(TimeSpan.FromDays(24)); // past the reminder
        (await RunDueJobsAsync(p, CaseClockJob.JobKind)).ShouldBe(1);
        (await DetailAsync(p, p.Claimant, opened.Id)).Case.State.ShouldBe(CaseState.CounterNoticeForwarded);
        p.Env.Time.Advance(TimeSpan.FromDays(4)); // past the deadline
        (await RunDueJobsAsync(p, CaseClockJob.JobKind)).ShouldBe(1);
        var expired = await DetailAsync(p, p.Platform, opened.Id);
        // The same expiry delivered again (a redelivery after a crash) changes nothing.
        await using (var scope = p.Env.NewScope())
        {
            (await scope.ServiceProvider.GetRequiredService<CaseMoves>().RunClockAsync(clock.Id, remind: false, CancellationToken.None)).ShouldBe(JobOutcome.Done);
        }
        var again = await DetailAsync(p, p.Platform, opened.Id);
        await ActAsync(p, p.Platform, opened.Id, CaseAction.LiftMeasures);
        var lifted = await DetailAsync(p, p.Claimant, opened.Id);

        expired.Case.State.ShouldBe(CaseState.MeasuresToBeLifted);
        expired.Actions.ShouldBe([CaseAction.LiftMeasures]);
        again.Events.Count.ShouldBe(expired.Events.Count);
        expired.Events[^1].ActorRole.ShouldBe(CaseRole.Clock);
        expired.Deadlines.Single().State.ShouldBe(DeadlineState.Expired);
        lifted.Case.State.ShouldBe(CaseState.MeasuresLifted);
        lifted.Events.Select(e => e.Action).ShouldBe([null, CaseAction.SendNotice, CaseAction.RecordMeasure, CaseAction.ForwardToRespondent,
            CaseAction.SubmitCounterNotice, CaseAction.ForwardCounterNotice, CaseAction.ComplaintPeriodExpired, CaseAction.LiftMeasures]);
        lifted.Events.Single(e => e.Action == CaseAction.SubmitCounterNotice).Note!.ShouldContain("not verified");
        lifted.Locations.ShouldAllBe(l => l.Measure == CaseMeasure.Removed);
        await ShouldBeSealedAsync(p, lifted);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RestartInTheMiddleOfAClock_ExpiryNeitherLostNorRepeated(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var opened = await OpenAsync(p);
        await ToCounterNoticeForwardedAsync(p, opened.Id);

        // The process stops with the clock running; a worker had even claimed the expiry when it
        // came due and died before finishing it.
        p.Env.Time.Advance(TimeSpan.FromDays(28));
        await using (var scope = p.Env.NewScope())
        {
            var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
            while (await queue.ClaimAsync("dying-worker", [CaseClockJob.JobKind], CancellationToken.None) is { } claimed)
            {
                // claimed and never completed
            }
        }
        await p.Env.RestartAsync();
        var whileLeased = await RunDueJobsAsync(p, CaseClockJob.JobKind);
        p.Env.Time.Advance(JobQueue.Lease + TimeSpan.FromSeconds(1));
        var afterLease = await RunDueJobsAsync(p, CaseClockJob.JobKind);
        await p.Env.RestartAsync();
        p.Env.Time.Advance(TimeSpan.FromDays(1));
        var later = await RunDueJobsAsync(p, CaseClockJob.JobKind);
        var detail = await DetailAsync(p, p.Platform, opened.Id);

        whileLeased.ShouldBe(0);
        afterLease.ShouldBe(2); // the reminder and the expiry, each once
        later.ShouldBe(0);
        detail.Case.State.ShouldBe(CaseState.MeasuresToBeLifted);
        detail.Events.Count(e => e.Action == CaseAction.ComplaintPeriodExpired).ShouldBe(1);
        await ShouldBeSealedAsync(p, detail);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ComplaintFiledWithinPeriod_StopsTheClockAndNothingIsLifted(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var opened = await OpenAsync(p);
        await ToCounterNoticeForwardedAsync(p, opened.Id);

        p.Env.Time.Advance(TimeSpan.FromDays(10));
        await ActAsync(p, p.Claimant, opened.Id, CaseAction.RecordComplaint, new MoveInput { Note = "已向法院起诉 / suit filed", AttachmentsSha256 = [new string('a', 64)] });
        p.Env.Time.Advance(TimeSpan.FromDays(30));
        await RunDueJobsAsync(p, CaseClockJob.JobKind);
        var detail = await DetailAsync(p, p.Platform, opened.Id);

        detail.Case.State.ShouldBe(CaseState.ComplaintFiled);
        detail.Deadlines.Single().State.ShouldBe(DeadlineState.Stopped);
        detail.Events.Single(e => e.Action == CaseAction.RecordComplaint).AttachmentsSha256.ShouldNotBeNull();
        detail.Events.ShouldNotContain(e => e.ActorRole == CaseRole.Clock);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Mediation_ProposedAssignedAcceptedSettled_StartsJudicialConfirmationClock(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var opened = await OpenAsync(p);
        await ActAsync(p, p.Claimant, opened.Id, CaseAction.SendNotice);
        await ActAsync(p, p.Claimant, opened.Id, CaseAction.ProposeMediation, new MoveInput { Note = "愿以授权代替下架 / a license instead of takedown" });

        // The mediator is no party yet: the case does not exist for it.
        (await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Mediator, opened.Id, CaseAction.AcceptMediation))).Kind.ShouldBe(ErrorKind.NotFound);
        await using (var scope = p.Env.NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseMoves>().AssignMediatorAsync(p.Operator, opened.Id, p.Mediator.OrganizationId, CancellationToken.None);
        }
        await ActAsync(p, p.Mediator, opened.Id, CaseAction.AcceptMediation);
        // No respondent was reached, so the platform is the other side: it accepts the claimant's
        // terms, the mediator drafts, and the settlement needs both signatures over the PDF.
        string sha;
        await using (var scope = p.Env.NewScope())
        {
            var mediation = scope.ServiceProvider.GetRequiredService<ReelRights.Core.Cases.Mediation.MediationService>();
            var proposal = await mediation.ProposeAsync(await mediation.PartyAsync(p.Claimant, opened.Id, true, CancellationToken.None),
                new ReelRights.Core.Cases.Mediation.ProposalInput(2_000_000, "CNY", "签署后 15 日内支付", "无需下架", LicenseInstead: true,
                    LicenseTerms: "非独家信息网络传播权许可，一年 / non-exclusive online license, one year"), CancellationToken.None);
            await mediation.AcceptAsync(await mediation.PartyAsync(p.Platform, opened.Id, true, CancellationToken.None), proposal.Id, CancellationToken.None);
            sha = (await mediation.DraftAgreementAsync(await mediation.PartyAsync(p.Mediator, opened.Id, true, CancellationToken.None), CancellationToken.None)).PdfSha256;
        }
        var unsigned = await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Mediator, opened.Id, CaseAction.Settle));
        var strangerSigns = await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Stranger, opened.Id, CaseAction.SignAgreement, new MoveInput { AgreementSha256 = sha }));
        var mediatorSigns = await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Mediator, opened.Id, CaseAction.SignAgreement, new MoveInput { AgreementSha256 = sha }));
        await ActAsync(p, p.Claimant, opened.Id, CaseAction.SignAgreement, new MoveInput { AgreementSha256 = sha });
        await ActAsync(p, p.Platform, opened.Id, CaseAction.SignAgreement, new MoveInput { AgreementSha256 = sha });
        await ActAsync(p, p.Mediator, opened.Id, CaseAction.Settle);
        var settled = await DetailAsync(p, p.Mediator, opened.Id);
        await ActAsync(p, p.Claimant, opened.Id, CaseAction.CloseSettled);
        var closed = await DetailAsync(p, p.Claimant, opened.Id);

        unsigned.Code.ShouldBe("agreement-unsigned");
        strangerSigns.Kind.ShouldBe(ErrorKind.NotFound);
        mediatorSigns.Kind.ShouldBe(ErrorKind.Forbidden);
        settled.Case.State.ShouldBe(CaseState.Settled);
        var settle = settled.Events.Single(e => e.Action == CaseAction.Settle);
        settle.AttachmentsSha256.ShouldBe(sha);
        settle.AttachmentsSm3.ShouldNotBeNull().Length.ShouldBe(64);
        settle.Note.ShouldNotBeNull().ShouldContain("20,000.00 CNY");
        settle.Note.ShouldContain("由双方另行签订许可合同");
        settled.Events.Where(e => e.Action == CaseAction.SignAgreement).Select(e => e.ActorRole).ShouldBe([CaseRole.Claimant, CaseRole.Platform]);
        var confirmation = settled.Deadlines.Single(d => d.Clock == ClockKind.JudicialConfirmation);
        // Settled on 21 November 2026: 30 days end on Monday 21 December (a working day).
        confirmation.DueAt.ShouldBe(new DateTime(2026, 12, 21, 16, 0, 0, DateTimeKind.Utc));
        closed.Case.State.ShouldBe(CaseState.Closed);
        closed.Case.Closure.ShouldBe(CaseClosure.Settled);
        await ShouldBeSealedAsync(p, closed);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ScreeningDispute_UpheldThenAppealed_ClaimantSilent_ReleasedByTheClock(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var dispute = await p.Env.Get<CaseService>().OpenDisputeAsync(p.Platform, p.WorkId, "https://video.example/upload/77",
            new RespondentParty("上传者 77", "u77@example.test"), "本人已获授权 / I hold a license", CancellationToken.None);
        var disputed = await DetailAsync(p, p.Claimant, dispute.Id);

        await ActAsync(p, p.Claimant, dispute.Id, CaseAction.UpholdClaim, new MoveInput { Note = "未见授权 / no license on record" });
        await ActAsync(p, p.Platform, dispute.Id, CaseAction.Appeal, new MoveInput { Note = "附授权书 / license attached" });
        p.Env.Time.Advance(TimeSpan.FromDays(6));
        await RunDueJobsAsync(p, CaseClockJob.JobKind);
        var waiting = await DetailAsync(p, p.Platform, dispute.Id);
        p.Env.Time.Advance(TimeSpan.FromDays(1.1));
        await RunDueJobsAsync(p, CaseClockJob.JobKind);
        var released = await DetailAsync(p, p.Platform, dispute.Id);

        disputed.Case.State.ShouldBe(CaseState.Disputed);
        disputed.Deadlines.Single().DueAt.ShouldBe(dispute.CreatedAt.AddDays(30));
        disputed.Actions.ShouldBe([CaseAction.UpholdClaim, CaseAction.ReleaseClaim], ignoreOrder: true);
        waiting.Case.State.ShouldBe(CaseState.Appealed);
        released.Case.State.ShouldBe(CaseState.ClaimReleased);
        released.Deadlines.Single(d => d.Clock == ClockKind.DisputeReview).State.ShouldBe(DeadlineState.Stopped);
        released.Deadlines.Single(d => d.Clock == ClockKind.AppealReview).State.ShouldBe(DeadlineState.Expired);
        await ShouldBeSealedAsync(p, released);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Parties_SeeOnlyTheirCases_AndOthersGetNotFound(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var opened = await OpenAsync(p);
        var (_, otherPlatform) = await p.Env.CreateOrgAsync("另一平台", OrganizationKind.Platform);
        var service = p.Env.Get<CaseService>();

        (await service.ListAsync(p.Claimant, null, null, 50, CancellationToken.None)).Select(c => c.Id).ShouldBe([opened.Id]);
        (await service.ListAsync(p.Platform, null, null, 50, CancellationToken.None)).Select(c => c.Id).ShouldBe([opened.Id]);
        (await service.ListAsync(p.Operator, null, null, 50, CancellationToken.None)).Select(c => c.Id).ShouldBe([opened.Id]);
        (await service.ListAsync(otherPlatform, null, null, 50, CancellationToken.None)).ShouldBeEmpty();
        (await service.ListAsync(p.Stranger, null, null, 50, CancellationToken.None)).ShouldBeEmpty();
        (await Should.ThrowAsync<ReelRightsException>(() => service.GetAsync(p.Stranger, opened.Id, CancellationToken.None))).Code.ShouldBe("not-found");
        (await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, otherPlatform, opened.Id, CaseAction.RecordMeasure))).Code.ShouldBe("not-found");
        (await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Stranger, opened.Id, CaseAction.Withdraw))).Code.ShouldBe("not-found");
        // The stranger's failed attempts changed nothing.
        (await DetailAsync(p, p.Claimant, opened.Id)).Events.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task BadMoves_AreTypedRefusalsThatChangeNothing(string provider)
    {
        var p = await PartiesAsync(provider);
        await using var _ = p.Env;
        var opened = await OpenAsync(p);

        var early = await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Platform, opened.Id, CaseAction.RecordMeasure));
        var wrongRole = await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Platform, opened.Id, CaseAction.SendNotice));
        await ActAsync(p, p.Claimant, opened.Id, CaseAction.SendNotice);
        var noMeasures = await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Platform, opened.Id, CaseAction.RecordMeasure));
        var noReason = await Should.ThrowAsync<ReelRightsException>(() => ActAsync(p, p.Platform, opened.Id, CaseAction.RejectNotice));
        var forged = await Should.ThrowAsync<ReelRightsException>(() => RespondAsync(p, "AAAAforged-token", CaseAction.SubmitCounterNotice, new MoveInput()));
        var detail = await DetailAsync(p, p.Platform, opened.Id);
        await ActAsync(p, p.Platform, opened.Id, CaseAction.RecordMeasure, new MoveInput { Measures = [new LocationMeasure(detail.Locations[0].Id, CaseMeasure.Blocked, null)] });
        var link = (await ActAsync(p, p.Platform, opened.Id, CaseAction.ForwardToRespondent)).RespondentToken!;
        var incomplete = await Should.ThrowAsync<ReelRightsException>(() => RespondAsync(p, link, CaseAction.SubmitCounterNotice, new MoveInput { Note = "no identity" }));
        var notPending = await Should.ThrowAsync<ReelRightsException>(() => RespondAsync(p, link, CaseAction.Appeal, new MoveInput()));
        p.Env.Time.Advance(CaseMoves.RespondentLinkLifetime + TimeSpan.FromMinutes(1));
        var expired = await Should.ThrowAsync<ReelRightsException>(() => RespondAsync(p, link, CaseAction.SubmitCounterNotice, new MoveInput()));
        var after = await DetailAsync(p, p.Claimant, opened.Id);

        early.Code.ShouldBe("illegal-transition");
        wrongRole.Kind.ShouldBe(ErrorKind.Forbidden);
        noMeasures.Code.ShouldBe("measures-required");
        noReason.Code.ShouldBe("reason-required");
        forged.Code.ShouldBe("invalid-link");
        incomplete.Code.ShouldBe("counter-notice-incomplete");
        notPending.Code.ShouldBe("illegal-transition");
        expired.Code.ShouldBe("link-expired");
        after.Case.State.ShouldBe(CaseState.MeasuresTaken);
        after.Events.Count.ShouldBe(4);
        after.Locations.Count(l => l.Measure is not null).ShouldBe(1);
    }

    private static async Task<MoveResult> RespondAsync(Parties p, string token, CaseAction action, MoveInput input)
    {
        await using var scope = p.Env.NewScope();
        return await scope.ServiceProvider.GetRequiredService<CaseMoves>().ActAsRespondentAsync(token, action, input, CancellationToken.None);
    }

    /// <summary>Every step is a case-transition leaf whose payload names the step.</summary>
    private static async Task ShouldBeSealedAsync(Parties p, CaseDetail detail)
    {
        await using var scope = p.Env.NewScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        foreach (var step in detail.Events)
        {
            step.LedgerIndex.ShouldNotBeNull($"step {step.Sequence} is not sealed");
            var entry = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.LeafIndex == step.LedgerIndex);
            LedgerRecord.TryParse(entry.Data, out var record, out _).ShouldBeTrue();
            record!.Type.ShouldBe(LedgerRecordType.CaseTransition);
            record.Payload.ShouldContain($"\"step\":{step.Sequence}");
            record.Payload.ShouldContain(detail.Case.Id.ToString());
            entry.TimestampToken.ShouldNotBeNull();
        }
        detail.Events.Select(e => e.LedgerIndex).Distinct().Count().ShouldBe(detail.Events.Count);
    }
}
