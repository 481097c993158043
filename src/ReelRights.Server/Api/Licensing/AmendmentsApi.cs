using System.Security.Claims;
using ReelRights.Core.Licensing;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Licensing;

/// <summary>修订与续期: one side of a license proposes the terms as they would stand; the other accepts or declines; the proposer may withdraw.</summary>
internal static class AmendmentsApi
{
    public static void MapAmendmentsApi(this RouteGroupBuilder api)
    {
        var licenses = api.MapGroup("/licenses").WithTags("Licensing");
        licenses.MapGet("/{code}/amendments", async (string code, ClaimsPrincipal p, LicenseAmendments a, CancellationToken ct) =>
            TypedResults.Ok((await a.ListAsync(p.ToActor(), code, ct)).Select(AmendmentDto.From).ToList()))
            .WithSummary("许可的修订与续期（最新在前）/ A license's amendments and renewals, newest first");
        licenses.MapPost("/{code}/amendments", async (string code, AmendmentRequest body, ClaimsPrincipal p, LicenseAmendments a, CancellationToken ct) =>
        {
            var terms = (body.Terms ?? throw Core.ReelRightsException.Invalid("terms-required", "请给出修订后的完整条款。", "Give the full terms as they would stand.")).ToTerms();
            var amendment = await a.ProposeAsync(p.ToActor(), code, body.Kind, terms, body.Note, ct);
            return TypedResults.Created($"/api/licenses/{code}/amendments", AmendmentDto.From(amendment));
        }).WithSummary("提出修订或续期（给出修订后的完整条款）/ Propose an amendment or a renewal (the full terms as they would stand)");
        licenses.MapPost("/{code}/amendments/{id:guid}/accept", async (string code, Guid id, ClaimsPrincipal p, LicenseAmendments a, LicenseService s, CancellationToken ct) =>
        {
            var actor = p.ToActor();
            await a.AcceptAsync(actor, code, id, ct);
            return TypedResults.Ok(LicenseDto.From(await s.GetAsync(actor, code, ct), withPrice: true));
        }).WithSummary("接受对方的修订或续期：检查独占冲突后生效并存证 / Accept the other side's change: checked for exclusivity conflicts, applied and sealed");
        licenses.MapPost("/{code}/amendments/{id:guid}/decline", async (string code, Guid id, NoteRequest? body, ClaimsPrincipal p, LicenseAmendments a, CancellationToken ct) =>
            TypedResults.Ok(AmendmentDto.From(await a.CloseAsync(p.ToActor(), code, id, withdraw: false, body?.Note, ct))))
            .WithSummary("拒绝对方的修订或续期 / Decline the other side's change");
        licenses.MapPost("/{code}/amendments/{id:guid}/withdraw", async (string code, Guid id, NoteRequest? body, ClaimsPrincipal p, LicenseAmendments a, CancellationToken ct) =>
            TypedResults.Ok(AmendmentDto.From(await a.CloseAsync(p.ToActor(), code, id, withdraw: true, body?.Note, ct))))
            .WithSummary("撤回己方提出的修订或续期 / Withdraw your own proposed change");
    }
}
