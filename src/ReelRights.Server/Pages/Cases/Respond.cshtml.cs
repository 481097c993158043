using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Cases;

namespace ReelRights.Server.Pages.Cases;

/// <summary>
/// The respondent's page behind its one-time link (no account): what is claimed, where, what the
/// platform did, and the counter-notice form (Civil Code art. 1196: real identity, grounds, evidence).
/// </summary>
public sealed class RespondModel(CaseService cases, CaseMoves moves) : PageModel
{
    public CaseDetail? Detail { get; private set; }
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

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            Detail = await cases.GetForRespondentAsync(token, cancellationToken);
        }
        catch (ReelRightsException e)
        {
            ErrorZh ??= e.MessageZh;
            ErrorEn ??= e.MessageEn;
            Response.StatusCode = e.Kind == ErrorKind.NotFound ? 404 : 403;
        }
    }
}
