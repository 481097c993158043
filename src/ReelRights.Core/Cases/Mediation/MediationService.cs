using System.Text;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Cases.Mediation;

/// <summary>Who is acting on a case, in which roles: a signed-in party, or the respondent through its link.</summary>
public sealed record CaseParty(EnforcementCase Case, IReadOnlySet<CaseRole> Roles, Guid? OrganizationId, Guid? UserId, string? RespondentToken)
{
    public bool Is(CaseRole role) => Roles.Contains(role);
}

/// <summary>Everything the mediation of one case holds, as its parties see it.</summary>
public sealed record MediationView(
    IReadOnlyList<MediationSession> Sessions,
    IReadOnlyList<CaseMessage> Messages,
    IReadOnlyList<SettlementProposal> Proposals,
    SettlementAgreement? Agreement,
    IReadOnlyList<AgreementSignature> Signatures,
    IReadOnlyList<CaseRole> Signers);

/// <summary>
/// What a proposal offers. A license instead of a takedown is stated in words (<see cref="LicenseTerms"/>)
/// and may also be given as structured terms (<see cref="LicenseGrant"/>, for the case's platform),
/// which the settlement then grants as a license in one step.
/// </summary>
public sealed record ProposalInput(
    long AmountMinor,
    string Currency,
    string PaymentSchedule,
    string TakedownScope,
    bool LicenseInstead = false,
    string? LicenseTerms = null,
    string? Note = null,
    Guid? RespondsTo = null,
    Licensing.LicenseTerms? LicenseGrant = null);

/// <summary>A session as the mediator schedules it: local date and time in <see cref="TimeZone"/>.</summary>
public sealed record SessionInput(DateTime LocalStart, int DurationMinutes, string? OnlineLink = null, string? Place = null, string? Note = null,
    string? TimeZone = null);

/// <summary>
/// Mediation (调解) on a case: the mediator schedules sessions; the parties and the mediator
/// exchange messages and documents, put forward proposals and counter-proposals and accept one;
/// the mediator drafts the agreement from it; both parties sign it with the sign-agreement move
/// (each signature a sealed case step, see <see cref="CaseMoves"/>) and the mediator settles.
/// </summary>
public sealed class MediationService(ReelRightsDbContext db, IBlobStore blobs, CaseMoves moves, SettlementAgreements agreements, ISettlementLicensing licensing, TimeProvider time)
{
    public const string DefaultTimeZone = "Asia/Shanghai";
    public const long MaxDocumentBytes = 20L << 20;
    public const long MaxAmountMinor = 100_000_000_000_000;

    private static readonly CaseState[] Mediating = [CaseState.MediationProposed, CaseState.InMediation];

    /// <summary>A signed-in party of the case (404 for anyone else, as for a case that does not exist).</summary>
    public async Task<CaseParty> PartyAsync(Actor actor, Guid caseId, bool write, CancellationToken cancellationToken)
    {
        actor.Require(write ? Permissions.CasesWrite : Permissions.CasesRead);
        var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken);
        var roles = c is null ? new HashSet<CaseRole>() : CaseMoves.RolesOf(actor, c);
        if (c is null || roles.Count == 0)
        {
            throw ReelRightsException.NotFound("案件");
        }
        return new CaseParty(c, roles, actor.OrganizationId, actor.UserId, null);
    }

    /// <summary>The respondent, authorized by its one-time link.</summary>
    public async Task<CaseParty> RespondentAsync(string token, CancellationToken cancellationToken)
    {
        var found = await moves.FindByRespondentTokenAsync(token, cancellationToken);
        var c = await db.Cases.SingleAsync(x => x.Id == found.Id, cancellationToken);
        return new CaseParty(c, new HashSet<CaseRole> { CaseRole.Respondent }, null, null, token);
    }

    public async Task<MediationView> ViewAsync(CaseParty party, CancellationToken cancellationToken)
    {
        var id = party.Case.Id;
        var agreement = await agreements.CurrentAsync(id, cancellationToken);
        return new MediationView(
            await db.CaseSessions.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken),
            await db.CaseMessages.AsNoTracking().Where(m => m.CaseId == id).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(cancellationToken),
            await db.SettlementProposals.AsNoTracking().Where(p => p.CaseId == id).OrderBy(p => p.Sequence).ToListAsync(cancellationToken),
            agreement,
            agreement is null ? [] : await db.AgreementSignatures.AsNoTracking().Where(s => s.AgreementId == agreement.Id).OrderBy(s => s.At).ToListAsync(cancellationToken),
            SettlementAgreements.Signers(party.Case));
    }

    /// <summary>The mediation organizations a side can choose from.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> MediatorsAsync(CancellationToken cancellationToken) =>
        (await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Mediator).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name })
            .ToListAsync(cancellationToken)).Select(o => (o.Id, o.Name)).ToList();

    /// <summary>
    /// One side chooses a mediator; when the claimant and the other side have chosen the same one,
    /// it becomes the case's mediator (the operator may also assign one). Returns whether it did.
    /// </summary>
    public async Task<bool> ChooseMediatorAsync(CaseParty party, Guid mediatorOrganizationId, CancellationToken cancellationToken)
    {
        var c = party.Case;
        var role = ActingRole(party, allowPlatform: false);
        if (role is not (CaseRole.Claimant or CaseRole.Respondent or CaseRole.Platform))
        {
            throw ReelRightsException.Forbidden("只有双方当事人可以选择调解员。", "Only the two sides choose a mediator.");
        }
        if (CaseWorkflow.IsTerminal(c.State) || c.State is CaseState.Settled)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "illegal-transition", "案件已结束，不能选择调解员。", "The case has ended; no mediator can be chosen.");
        }
        if (c.MediatorOrganizationId is not null)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "mediator-assigned", "本案已有调解员。", "This case already has its mediator.");
        }
        var mediator = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == mediatorOrganizationId, cancellationToken);
        if (mediator?.Kind != OrganizationKind.Mediator)
        {
            throw ReelRightsException.Invalid("unknown-mediator", "所选组织不是调解机构。", "The chosen organization is not a mediator.");
        }
        if (role == CaseRole.Claimant)
        {
            c.ClaimantMediatorChoice = mediator.Id;
        }
        else
        {
            c.OtherSideMediatorChoice = mediator.Id;
        }
        var agreed = c.ClaimantMediatorChoice == c.OtherSideMediatorChoice;
        if (agreed)
        {
            c.MediatorOrganizationId = mediator.Id;
            moves.NotifyParties(c, null, new("双方已选定调解员", "Mediator chosen by both sides"),
                new($"案件 {c.Number}：双方共同选定 {mediator.Name} 调解。", $"Case {c.Number}: both sides chose {mediator.Name} to mediate."));
        }
        else
        {
            moves.NotifyParties(c, party.OrganizationId, new("对方选择了调解员", "The other side chose a mediator"),
                new($"案件 {c.Number}：{CaseText.Role(role).Zh}选择由 {mediator.Name} 调解，待您确认。", $"Case {c.Number}: the {CaseText.Role(role).En} chose {mediator.Name}; your choice is awaited."));
        }
        c.Version++;
        c.UpdatedAt = Now();
        await SaveAsync(cancellationToken);
        return agreed;
    }

    /// <summary>The mediator schedules a session (date and time as local time in the time zone given, Asia/Shanghai by default).</summary>
    public async Task<MediationSession> ScheduleAsync(CaseParty party, SessionInput input, CancellationToken cancellationToken)
    {
        RequireMediator(party);
        RequireState(party.Case, CaseState.InMediation);
        var zoneId = string.IsNullOrWhiteSpace(input.TimeZone) ? DefaultTimeZone : input.TimeZone.Trim();
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw ReelRightsException.Invalid("unknown-time-zone", $"未知的时区 {zoneId}。", $"Unknown time zone {zoneId}.");
        }
        if (input.DurationMinutes is < 10 or > 24 * 60)
        {
            throw ReelRightsException.Invalid("invalid-duration", "时长须在 10 分钟到 24 小时之间。", "The duration must be 10 minutes to 24 hours.");
        }
        var link = Validation.OptionalText(input.OnlineLink, 2000, "onlineLink");
        if (link is not null && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            throw ReelRightsException.Invalid("invalid-online-link", "线上会议链接须为 https 地址。", "The online link must be an https URL.");
        }
        var place = Validation.OptionalText(input.Place, 400, "place");
        if (link is null && place is null)
        {
            throw ReelRightsException.Invalid("link-or-place-required", "请填写线上会议链接或线下地点。", "Give an online link or a place.");
        }
        var local = DateTime.SpecifyKind(input.LocalStart, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw ReelRightsException.Invalid("invalid-start", "该时区不存在这一时刻（夏令时跳变）。", "That local time does not exist in the time zone (a daylight-saving gap).");
        }
        var startsAt = CaseMoves.Truncate(TimeZoneInfo.ConvertTimeToUtc(local, zone));
        if (startsAt < time.GetUtcNow().UtcDateTime)
        {
            throw ReelRightsException.Invalid("start-in-past", "会议时间不能早于现在。", "The session cannot start in the past.");
        }
        var session = new MediationSession
        {
            Id = Guid.CreateVersion7(),
            CaseId = party.Case.Id,
            StartsAt = startsAt,
            TimeZone = zone.Id,
            DurationMinutes = input.DurationMinutes,
            OnlineLink = link,
            Place = place,
            Note = Validation.OptionalText(input.Note, 2000, "note"),
            CreatedByOrganizationId = party.OrganizationId!.Value,
            CreatedAt = Now(),
        };
        db.CaseSessions.Add(session);
        var when = TimeZoneInfo.ConvertTimeFromUtc(startsAt, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" ({zone.Id})";
        moves.NotifyParties(party.Case, party.OrganizationId, new("调解会议已安排", "Mediation session scheduled"),
            new($"案件 {party.Case.Number}：调解会议定于 {when}，{link ?? place}。", $"Case {party.Case.Number}: mediation session at {when}, {link ?? place}."));
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>A message from a party or the mediator, optionally with one document (PDF, PNG, JPEG or UTF-8 text, checked by its bytes).</summary>
    public async Task<CaseMessage> PostMessageAsync(CaseParty party, string? text, Stream? document, string? documentName, CancellationToken cancellationToken)
    {
        var role = ActingRole(party, allowPlatform: true);
        if (CaseWorkflow.IsTerminal(party.Case.State) && party.Case.State != CaseState.Closed)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "case-ended", "案件已结束，不能再留言。", "The case has ended; no more messages.");
        }
        var message = new CaseMessage
        {
            Id = Guid.CreateVersion7(),
            CaseId = party.Case.Id,
            AuthorRole = role,
            AuthorOrganizationId = party.OrganizationId,
            AuthorUserId = party.UserId,
            AuthorName = await AuthorNameAsync(party, cancellationToken),
            Text = Validation.Text(text, "text", 8000),
            At = Now(),
        };
        if (document is not null)
        {
            var bytes = await ReadBoundedAsync(document, cancellationToken);
            message.DocumentType = DocumentTypes.Sniff(bytes) ?? throw ReelRightsException.Invalid("document-type-refused",
                "只接受 PDF、PNG、JPEG 图片或 UTF-8 文本文件。", "Only PDF, PNG, JPEG or UTF-8 text documents are accepted.");
            message.DocumentName = DocumentTypes.SafeName(documentName, message.DocumentType);
            message.DocumentSize = bytes.Length;
            message.DocumentSha256 = (await blobs.PutAsync(new MemoryStream(bytes), MaxDocumentBytes, cancellationToken)).Sha256;
        }
        db.CaseMessages.Add(message);
        moves.NotifyParties(party.Case, party.OrganizationId, new("案件新留言", "New message on a case"),
            new($"案件 {party.Case.Number}：{message.AuthorName}留言。", $"Case {party.Case.Number}: a message from {message.AuthorName}."));
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>The document of one of the case's messages.</summary>
    public async Task<(CaseMessage Message, Stream Content)> DocumentAsync(CaseParty party, string sha256, CancellationToken cancellationToken)
    {
        var message = await db.CaseMessages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.CaseId == party.Case.Id && m.DocumentSha256 == sha256, cancellationToken) ?? throw ReelRightsException.NotFound("文件");
        var content = blobs.OpenRead(sha256) ?? throw new ReelRightsException(ErrorKind.Unavailable, "document-missing",
            "文件在存储中缺失；请联系管理员检查存储。", "The document is missing from storage; ask an operator to check the storage.");
        return (message, content);
    }

    /// <summary>A proposal, or (with <see cref="ProposalInput.RespondsTo"/>) a counter-proposal to another side's open one.</summary>
    public async Task<SettlementProposal> ProposeAsync(CaseParty party, ProposalInput input, CancellationToken cancellationToken)
    {
        var role = ActingRole(party, allowPlatform: false);
        RequireState(party.Case, CaseState.InMediation);
        if (input.AmountMinor is < 0 or > MaxAmountMinor)
        {
            throw ReelRightsException.Invalid("invalid-amount", "金额须为 0 至 1 万亿（以分计）。", "The amount must be 0 to 10^14 minor units.");
        }
        var currency = input.Currency?.Trim().ToUpperInvariant() ?? "";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw ReelRightsException.Invalid("invalid-currency", "币种须为 ISO 4217 三位代码，如 CNY。", "The currency must be an ISO 4217 code such as CNY.");
        }
        var licenseTerms = Validation.OptionalText(input.LicenseTerms, 4000, "licenseTerms");
        SettlementGrant? grant = null;
        if (input.LicenseGrant is { } structured)
        {
            if (!input.LicenseInstead)
            {
                throw ReelRightsException.Invalid("license-instead-required", "附带许可条款的方案须选择“以许可代替下架”。", "A proposal carrying license terms must choose a license instead of the takedown.");
            }
            grant = await licensing.CheckAsync(party.Case, structured, cancellationToken);
            licenseTerms = licenseTerms is null ? grant.Wording : $"{licenseTerms}\n{grant.Wording}";
        }
        if (input.LicenseInstead && licenseTerms is null)
        {
            throw ReelRightsException.Invalid("license-terms-required", "以许可代替下架时须写明许可条款。", "A license instead of a takedown needs its terms.");
        }
        SettlementProposal? answered = null;
        if (input.RespondsTo is { } respondsTo)
        {
            answered = await db.SettlementProposals.SingleOrDefaultAsync(p => p.Id == respondsTo && p.CaseId == party.Case.Id, cancellationToken)
                ?? throw ReelRightsException.NotFound("和解方案");
            if (answered.State != ProposalState.Open || answered.ByRole == role)
            {
                throw new ReelRightsException(ErrorKind.Conflict, "proposal-not-open", "只能回应对方尚未处理的方案。", "Only the other side's open proposal can be answered.");
            }
            answered.State = ProposalState.Countered;
            answered.DecidedAt = Now();
        }
        var proposal = new SettlementProposal
        {
            Id = Guid.CreateVersion7(),
            CaseId = party.Case.Id,
            Sequence = await db.SettlementProposals.CountAsync(p => p.CaseId == party.Case.Id, cancellationToken) + 1,
            ByRole = role,
            ByOrganizationId = party.OrganizationId,
            AmountMinor = input.AmountMinor,
            Currency = currency,
            PaymentSchedule = Validation.Text(input.PaymentSchedule, "paymentSchedule", 2000),
            TakedownScope = Validation.Text(input.TakedownScope, "takedownScope", 2000),
            LicenseInstead = input.LicenseInstead,
            LicenseTerms = input.LicenseInstead ? licenseTerms : null,
            LicenseGrantJson = grant?.Terms.ToJson(),
            LicenseeOrganizationId = grant?.LicenseeOrganizationId,
            Note = Validation.OptionalText(input.Note, 4000, "note"),
            State = ProposalState.Open,
            RespondsToId = answered?.Id,
            CreatedAt = Now(),
        };
        db.SettlementProposals.Add(proposal);
        var amount = SettlementAgreementHtml.FormatAmount(proposal.AmountMinor, proposal.Currency);
        moves.NotifyParties(party.Case, party.OrganizationId, new(answered is null ? "新的和解方案" : "新的还价方案", answered is null ? "New settlement proposal" : "New counter-proposal"),
            new($"案件 {party.Case.Number}：{CaseText.Role(role).Zh}提出 {amount}。", $"Case {party.Case.Number}: the {CaseText.Role(role).En} proposes {amount}."));
        await SaveAsync(cancellationToken);
        return proposal;
    }

    /// <summary>A side accepts an open proposal it did not make; other open proposals lapse.</summary>
    public async Task<SettlementProposal> AcceptAsync(CaseParty party, Guid proposalId, CancellationToken cancellationToken)
    {
        var role = ActingRole(party, allowPlatform: false);
        RequireState(party.Case, CaseState.InMediation);
        if (role == CaseRole.Mediator)
        {
            throw ReelRightsException.Forbidden("调解员不能代当事人接受方案。", "The mediator cannot accept a proposal for a party.");
        }
        var proposal = await db.SettlementProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.CaseId == party.Case.Id, cancellationToken)
            ?? throw ReelRightsException.NotFound("和解方案");
        if (proposal.State != ProposalState.Open || proposal.ByRole == role)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "proposal-not-open", "只能接受对方尚未处理的方案。", "Only the other side's open proposal can be accepted.");
        }
        if (proposal.LicenseGrantJson is { } grant)
        {
            // A grant made since the proposal may have taken the scope: refuse now rather than at settlement.
            await licensing.CheckAsync(party.Case, Licensing.LicenseTerms.FromJson(grant), cancellationToken);
        }
        foreach (var other in await db.SettlementProposals.Where(p => p.CaseId == party.Case.Id && p.Id != proposalId
            && (p.State == ProposalState.Open || p.State == ProposalState.Accepted)).ToListAsync(cancellationToken))
        {
            other.State = ProposalState.Countered;
            other.DecidedAt = Now();
        }
        proposal.State = ProposalState.Accepted;
        proposal.DecidedAt = Now();
        moves.NotifyParties(party.Case, party.OrganizationId, new("和解方案已被接受", "Proposal accepted"),
            new($"案件 {party.Case.Number}：{CaseText.Role(role).Zh}接受了第 {proposal.Sequence} 号方案，待调解员拟定协议。",
                $"Case {party.Case.Number}: the {CaseText.Role(role).En} accepted proposal {proposal.Sequence}; the mediator drafts the agreement next."));
        await SaveAsync(cancellationToken);
        return proposal;
    }

    /// <summary>The author withdraws its own open proposal.</summary>
    public async Task WithdrawAsync(CaseParty party, Guid proposalId, CancellationToken cancellationToken)
    {
        var role = ActingRole(party, allowPlatform: false);
        var proposal = await db.SettlementProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.CaseId == party.Case.Id, cancellationToken)
            ?? throw ReelRightsException.NotFound("和解方案");
        if (proposal.State != ProposalState.Open || proposal.ByRole != role)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "proposal-not-open", "只能撤回自己尚未被处理的方案。", "Only your own open proposal can be withdrawn.");
        }
        proposal.State = ProposalState.Withdrawn;
        proposal.DecidedAt = Now();
        await SaveAsync(cancellationToken);
    }

    /// <summary>The mediator drafts the agreement from the accepted proposal; an earlier draft and its signatures are void.</summary>
    public async Task<SettlementAgreement> DraftAgreementAsync(CaseParty party, CancellationToken cancellationToken)
    {
        RequireMediator(party);
        RequireState(party.Case, CaseState.InMediation);
        var agreement = await agreements.DraftAsync(party.Case, party.UserId, cancellationToken);
        party.Case.Version++;
        party.Case.UpdatedAt = Now();
        moves.NotifyParties(party.Case, party.OrganizationId, new("和解协议待签署", "Settlement agreement ready to sign"),
            new($"案件 {party.Case.Number}：调解员已拟定和解协议，请阅读后签署。", $"Case {party.Case.Number}: the mediator drafted the agreement; read it and sign."));
        await SaveAsync(cancellationToken);
        return agreement;
    }

    /// <summary>The role a party speaks in: mediator first, then claimant, then the other side.</summary>
    private static CaseRole ActingRole(CaseParty party, bool allowPlatform)
    {
        var c = party.Case;
        var otherSide = SettlementAgreements.Signers(c)[1];
        foreach (var role in new[] { CaseRole.Mediator, CaseRole.Claimant, otherSide, CaseRole.Platform })
        {
            if (party.Is(role) && (role != CaseRole.Platform || allowPlatform || otherSide == CaseRole.Platform))
            {
                return role;
            }
        }
        throw ReelRightsException.Forbidden("只有当事人和调解员可以参与调解。", "Only the parties and the mediator take part in the mediation.");
    }

    private static void RequireMediator(CaseParty party)
    {
        if (!party.Is(CaseRole.Mediator))
        {
            throw ReelRightsException.Forbidden("只有本案的调解员可以执行此操作。", "Only this case's mediator can do this.");
        }
    }

    private static void RequireState(EnforcementCase c, CaseState state)
    {
        if (c.State != state)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "illegal-transition",
                $"案件当前状态为“{CaseText.State(c.State).Zh}”，须为“{CaseText.State(state).Zh}”。",
                $"The case is {CaseText.State(c.State).En}; this needs it to be {CaseText.State(state).En}.");
        }
    }

    private async Task<string> AuthorNameAsync(CaseParty party, CancellationToken cancellationToken)
    {
        if (party.RespondentToken is not null)
        {
            return party.Case.RespondentName ?? "被投诉人 / respondent";
        }
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == party.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var user = party.UserId is { } u ? await db.Users.AsNoTracking().Where(x => x.Id == u).Select(x => x.DisplayName).SingleOrDefaultAsync(cancellationToken) : null;
        return user is null ? org : $"{user}（{org}）";
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream document, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await document.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > MaxDocumentBytes)
            {
                throw ReelRightsException.Invalid("document-too-large",
                    $"文件不能超过 {MaxDocumentBytes >> 20} MiB。", $"A document cannot be larger than {MaxDocumentBytes >> 20} MiB.");
            }
            copy.Write(buffer, 0, read);
        }
        if (copy.Length == 0)
        {
            throw ReelRightsException.Invalid("document-empty", "文件为空。", "The document is empty.");
        }
        return copy.ToArray();
    }

    private Task SaveAsync(CancellationToken cancellationToken) => CaseMoves.SaveOrConflictAsync(db, cancellationToken);

    private DateTime Now() => CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
}
