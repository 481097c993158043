using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReelRights.Core;
using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Mediation;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Cases;

/// <summary>
/// Mediation on a case: /api/cases/{id}/mediation, sessions, messages (JSON, or multipart with a
/// document), proposals and their acceptance, the agreement (draft, PDF, HTML) and the
/// judicial-confirmation package; the respondent reaches the same under /api/respond/{token}.
/// Signing is the sign-agreement move (<c>POST …/actions/sign-agreement</c> with <c>agreementSha256</c>).
/// </summary>
internal static class MediationApi
{
    public static void MapMediationApi(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Mediation");
        cases.MapGet("/mediation", async (Guid id, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(MediationDto.From(await m.ViewAsync(await m.PartyAsync(p.ToActor(), id, false, ct), ct), $"/api/cases/{id}")))
            .WithSummary("调解：会议、留言、方案、协议 / Mediation: sessions, messages, proposals, agreement");
        cases.MapPost("/sessions", async (Guid id, SessionRequest body, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(SessionDto.From(await m.ScheduleAsync(await m.PartyAsync(p.ToActor(), id, true, ct),
                new SessionInput(body.LocalStart, body.DurationMinutes, body.OnlineLink, body.Place, body.Note, body.TimeZone), ct))))
            .WithSummary("调解员安排调解会议 / The mediator schedules a session");
        cases.MapPost("/messages", async (Guid id, HttpRequest request, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
            await PostMessageAsync(await m.PartyAsync(p.ToActor(), id, true, ct), request, m, $"/api/cases/{id}", ct))
            .WithSummary("留言，可附一个文件（multipart: text, file）/ Post a message, optionally with one document");
        cases.MapGet("/documents/{sha256}", async (Guid id, string sha256, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
            await DocumentAsync(await m.PartyAsync(p.ToActor(), id, false, ct), sha256, m, ct))
            .WithSummary("下载留言所附文件 / Download a message's document");
        cases.MapPost("/proposals", async (Guid id, ProposalRequest body, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(ProposalDto.From(await m.ProposeAsync(await m.PartyAsync(p.ToActor(), id, true, ct), body.ToInput(), ct))))
            .WithSummary("提出和解方案或还价 / Propose terms, or counter-propose (respondsTo)");
        cases.MapPost("/proposals/{proposalId:guid}/accept", async (Guid id, Guid proposalId, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(ProposalDto.From(await m.AcceptAsync(await m.PartyAsync(p.ToActor(), id, true, ct), proposalId, ct))))
            .WithSummary("接受对方方案 / Accept the other side's proposal");
        cases.MapPost("/proposals/{proposalId:guid}/withdraw", async (Guid id, Guid proposalId, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
        {
            await m.WithdrawAsync(await m.PartyAsync(p.ToActor(), id, true, ct), proposalId, ct);
            return TypedResults.NoContent();
        }).WithSummary("撤回自己的方案 / Withdraw one's own proposal");
        cases.MapPost("/agreement", async (Guid id, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
        {
            var party = await m.PartyAsync(p.ToActor(), id, true, ct);
            await m.DraftAgreementAsync(party, ct);
            return TypedResults.Ok(MediationDto.From(await m.ViewAsync(party, ct), $"/api/cases/{id}").Agreement);
        }).WithSummary("调解员依被接受的方案拟定和解协议 / The mediator drafts the agreement from the accepted proposal");
        cases.MapGet("/agreement.pdf", async (Guid id, ClaimsPrincipal p, MediationService m, SettlementAgreements a, CancellationToken ct) =>
            await AgreementFileAsync(await m.PartyAsync(p.ToActor(), id, false, ct), a, pdf: true, ct))
            .WithSummary("和解协议 PDF（签署的就是它）/ The agreement PDF (what is signed)");
        cases.MapGet("/agreement.html", async (Guid id, ClaimsPrincipal p, MediationService m, SettlementAgreements a, CancellationToken ct) =>
            await AgreementFileAsync(await m.PartyAsync(p.ToActor(), id, false, ct), a, pdf: false, ct))
            .WithSummary("和解协议 HTML / The agreement HTML");
        cases.MapPost("/mediator-choice", async (Guid id, MediatorChoiceRequest body, ClaimsPrincipal p, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(new MediatorChoiceDto(await m.ChooseMediatorAsync(await m.PartyAsync(p.ToActor(), id, true, ct), body.MediatorOrganizationId, ct))))
            .WithSummary("一方选择调解员，双方一致即指定 / A side chooses a mediator; the same choice by both assigns it");
        api.MapGet("/mediators", async (MediationService m, CancellationToken ct) =>
            TypedResults.Ok((await m.MediatorsAsync(ct)).Select(x => new MediatorDto(x.Id, x.Name)).ToList()))
            .WithTags("Mediation").WithSummary("可选择的调解机构 / Mediation organizations to choose from");
        cases.MapGet("/judicial-package", JudicialPackageAsync)
            .WithSummary("司法确认申请材料（zip，可用 reelrights verify 离线验证）/ Judicial-confirmation package (zip, verifiable offline)");

        var respond = app.MapGroup("/api/respond/{token}").AllowAnonymous().WithTags("Mediation");
        respond.MapGet("/mediation", async (string token, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(MediationDto.From(await m.ViewAsync(await m.RespondentAsync(token, ct), ct), $"/api/respond/{token}")))
            .WithSummary("被投诉人查看调解 / The respondent's view of the mediation");
        respond.MapPost("/messages", async (string token, HttpRequest request, MediationService m, CancellationToken ct) =>
            await PostMessageAsync(await m.RespondentAsync(token, ct), request, m, $"/api/respond/{token}", ct))
            .WithSummary("被投诉人留言 / The respondent posts a message");
        respond.MapGet("/documents/{sha256}", async (string token, string sha256, MediationService m, CancellationToken ct) =>
            await DocumentAsync(await m.RespondentAsync(token, ct), sha256, m, ct))
            .WithSummary("被投诉人下载文件 / The respondent downloads a document");
        respond.MapPost("/proposals", async (string token, ProposalRequest body, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(ProposalDto.From(await m.ProposeAsync(await m.RespondentAsync(token, ct), body.ToInput(), ct))))
            .WithSummary("被投诉人提出方案 / The respondent proposes terms");
        respond.MapPost("/proposals/{proposalId:guid}/accept", async (string token, Guid proposalId, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(ProposalDto.From(await m.AcceptAsync(await m.RespondentAsync(token, ct), proposalId, ct))))
            .WithSummary("被投诉人接受方案 / The respondent accepts a proposal");
        respond.MapPost("/proposals/{proposalId:guid}/withdraw", async (string token, Guid proposalId, MediationService m, CancellationToken ct) =>
        {
            await m.WithdrawAsync(await m.RespondentAsync(token, ct), proposalId, ct);
            return TypedResults.NoContent();
        }).WithSummary("被投诉人撤回方案 / The respondent withdraws its proposal");
        respond.MapPost("/mediator-choice", async (string token, MediatorChoiceRequest body, MediationService m, CancellationToken ct) =>
            TypedResults.Ok(new MediatorChoiceDto(await m.ChooseMediatorAsync(await m.RespondentAsync(token, ct), body.MediatorOrganizationId, ct))))
            .WithSummary("被投诉人选择调解员 / The respondent chooses a mediator");
        respond.MapGet("/mediators", async (string token, MediationService m, CancellationToken ct) =>
        {
            await m.RespondentAsync(token, ct);
            return TypedResults.Ok((await m.MediatorsAsync(ct)).Select(x => new MediatorDto(x.Id, x.Name)).ToList());
        }).WithSummary("被投诉人可选择的调解机构 / Mediators the respondent can choose from");
        respond.MapGet("/agreement.pdf", async (string token, MediationService m, SettlementAgreements a, CancellationToken ct) =>
            await AgreementFileAsync(await m.RespondentAsync(token, ct), a, pdf: true, ct))
            .WithSummary("被投诉人阅读协议 PDF / The respondent reads the agreement PDF");
    }

    private static async Task<Ok<MessageDto>> PostMessageAsync(CaseParty party, HttpRequest request, MediationService m, string basePath, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            await using var content = file?.OpenReadStream();
            return TypedResults.Ok(MessageDto.From(await m.PostMessageAsync(party, form["text"], content, file?.FileName, ct), basePath));
        }
        MessageRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<MessageRequest>(ct);
        }
        catch (JsonException)
        {
            throw ReelRightsException.Invalid("invalid-json", "请求体不是有效的 JSON。", "The request body is not valid JSON.");
        }
        return TypedResults.Ok(MessageDto.From(await m.PostMessageAsync(party, body?.Text, null, null, ct), basePath));
    }

    private static async Task<IResult> DocumentAsync(CaseParty party, string sha256, MediationService m, CancellationToken ct)
    {
        var (message, content) = await m.DocumentAsync(party, sha256.ToLowerInvariant(), ct);
        return TypedResults.File(content, message.DocumentType ?? "application/octet-stream", message.DocumentName);
    }

    private static async Task<IResult> AgreementFileAsync(CaseParty party, SettlementAgreements agreements, bool pdf, CancellationToken ct)
    {
        var agreement = await agreements.CurrentAsync(party.Case.Id, ct)
            ?? throw new ReelRightsException(ErrorKind.NotFound, "no-agreement", "调解员尚未拟定协议。", "The mediator has not drafted the agreement yet.");
        var bytes = await agreements.ReadAsync(pdf ? agreement.PdfSha256 : agreement.HtmlSha256, ct);
        return pdf
            ? TypedResults.File(bytes, "application/pdf", $"{party.Case.Number}-agreement.pdf")
            : TypedResults.Bytes(bytes, "text/html; charset=utf-8");
    }

    private static async Task JudicialPackageAsync(Guid id, HttpContext http, ClaimsPrincipal p, JudicialPackageBuilder builder, CancellationToken ct)
    {
        // Built in a temporary file first: an error (a case not settled, a file missing) is then a
        // problem response, not a truncated zip.
        var temp = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(temp))
            {
                await builder.WriteAsync(p.ToActor(), id, file, ct);
            }
            http.Response.ContentType = "application/zip";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"judicial-package-{id}.zip\"";
            await using var read = File.OpenRead(temp);
            http.Response.ContentLength = read.Length;
            await read.CopyToAsync(http.Response.Body, ct);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
