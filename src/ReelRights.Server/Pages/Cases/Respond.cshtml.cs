using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Cases;

namespace ReelRights.Server.Pages.Cases;

/// <summary>
/// The respondent's page behind its one-time link (no account): what is claimed, where, what the
/// platform did, and the counter-notice form (Civil Code art. 1196: real identity, grounds, evidence).
/// </summary>
public sealed class RespondModel(CaseService cases, CaseMoves moves, ReelRights.Core.Cases.Mediation.MediationService mediation) : PageModel
{
    public CaseDetail? Detail { get; private set; }
    public ReelRights.Core.Cases.Mediation.MediationView? Mediation { get; private set; }
    public string Token { get; private set; } = "";
    public IReadOnlyList<(Guid Id, string Name)> Mediators { get; private set; } = [];
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }
    public string? DoneZh { get; private set; }
    public string? DoneEn { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) => await LoadAsync(token, cancellationToken);

    public async Task OnPostAsync(string token, string? name, string? contact, string? grounds, string? registrationCode, CancellationToken cancellationToken)
    {
        try
        {
            var result = await moves.ActAsRespondentAsync(token, CaseAction.SubmitCounterNotice, new MoveInput
            {
                RespondentName = name,
                RespondentContact = contact,
                Note = grounds,
                RegistrationCode = registrationCode,
            }, cancellationToken);
            DoneZh = $"不侵权声明已提交（存证序号 {result.Step.LedgerIndex}），平台将转送给权利人。";
            DoneEn = $"Counter-notice submitted (ledger entry {result.Step.LedgerIndex}); the platform will forward it to the rights holder.";
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
        }
        await LoadAsync(token, cancellationToken);
    }

    /// <summary>Another move open to the respondent: propose mediation, or sign the agreement (naming the PDF read).</summary>
    public Task OnPostActAsync(string token, CaseAction action, string? note, string? agreementSha256, CancellationToken cancellationToken) =>
        RunAsync(token, async () =>
        {
            var result = await moves.ActAsRespondentAsync(token, action, new MoveInput { Note = note, AgreementSha256 = agreementSha256 }, cancellationToken);
            return ($"已{CaseText.Action(action).Zh}（存证序号 {result.Step.LedgerIndex}）。", $"Done: {CaseText.Action(action).En} (ledger entry {result.Step.LedgerIndex}).");
        }, cancellationToken);

    public Task OnPostMessageAsync(string token, string? text, IFormFile? file, CancellationToken cancellationToken) =>
        RunAsync(token, async () =>
        {
            await using var content = file?.OpenReadStream();
            await mediation.PostMessageAsync(await mediation.RespondentAsync(token, cancellationToken), text, content, file?.FileName, cancellationToken);
            return ("留言已发送。", "Message posted.");
        }, cancellationToken);

    public Task OnPostProposeAsync(string token, decimal amount, string? currency, string? paymentSchedule, string? takedownScope, bool licenseInstead,
        string? licenseTerms, Guid? respondsTo, CancellationToken cancellationToken) =>
        RunAsync(token, async () =>
        {
            var p = await mediation.ProposeAsync(await mediation.RespondentAsync(token, cancellationToken),
                new ReelRights.Core.Cases.Mediation.ProposalInput((long)Math.Round(amount * 100m), currency ?? "CNY", paymentSchedule ?? "", takedownScope ?? "",
                    licenseInstead, licenseTerms, null, respondsTo), cancellationToken);
            return ($"已提出第 {p.Sequence} 号方案。", $"Proposal {p.Sequence} made.");
        }, cancellationToken);

    public Task OnPostChooseMediatorAsync(string token, Guid mediatorOrganizationId, CancellationToken cancellationToken) =>
        RunAsync(token, async () => await mediation.ChooseMediatorAsync(await mediation.RespondentAsync(token, cancellationToken), mediatorOrganizationId, cancellationToken)
            ? ("双方选择一致，调解员已确定。", "Both sides chose the same mediator; it is assigned.")
            : ("已选择调解员，待对方确认。", "Mediator chosen; waiting for the other side."), cancellationToken);

    public Task OnPostAcceptAsync(string token, Guid proposalId, CancellationToken cancellationToken) =>
        RunAsync(token, async () =>
        {
            var p = await mediation.AcceptAsync(await mediation.RespondentAsync(token, cancellationToken), proposalId, cancellationToken);
            return ($"已接受第 {p.Sequence} 号方案。", $"Proposal {p.Sequence} accepted.");
        }, cancellationToken);

    private async Task RunAsync(string token, Func<Task<(string Zh, string En)>> act, CancellationToken cancellationToken)
    {
        try
        {
            (DoneZh, DoneEn) = await act();
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
        }
        await LoadAsync(token, cancellationToken);
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        try
        {
            Detail = await cases.GetForRespondentAsync(token, cancellationToken);
            if (Detail.Case.MediatorOrganizationId is not null || Detail.Events.Any(e => e.Action == CaseAction.ProposeMediation))
            {
                Mediation = await mediation.ViewAsync(await mediation.RespondentAsync(token, cancellationToken), cancellationToken);
                Mediators = await mediation.MediatorsAsync(cancellationToken);
            }
        }
        catch (ReelRightsException e)
        {
            ErrorZh ??= e.MessageZh;
            ErrorEn ??= e.MessageEn;
            Response.StatusCode = e.Kind == ErrorKind.NotFound ? 404 : 403;
        }
    }
}
