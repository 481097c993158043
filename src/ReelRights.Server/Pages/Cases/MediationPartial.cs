using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Mediation;

namespace ReelRights.Server.Pages.Cases;

/// <summary>What the mediation section shows, on the case page and on the respondent's page; <see cref="ApiBase"/> is where its files are read.</summary>
public sealed record MediationPartial(EnforcementCase Case, IReadOnlySet<CaseRole> Roles, MediationView View, string ApiBase,
    IReadOnlyList<(Guid Id, string Name)> Mediators)
{
    /// <summary>Whether the sign button is offered: an agreement awaits signatures, the visitor is one of its two parties and has not signed.</summary>
    public static bool CanSign(MediationView? view, IReadOnlySet<CaseRole> roles) =>
        view?.Agreement is { State: AgreementState.AwaitingSignatures }
        && view.Signers.Any(r => roles.Contains(r) && !view.Signatures.Any(s => s.Role == r));
}
