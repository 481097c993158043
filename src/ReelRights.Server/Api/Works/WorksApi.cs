using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReelRights.Core;
using ReelRights.Core.Works;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Works;

/// <summary>
/// Registration over HTTP: works, episodes (media streamed as the request body, or a .rrfp
/// fingerprint), rights, documents, submission, and the registrations with their receipts.
/// </summary>
internal static class WorksApi
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void MapWorksApi(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        // Public: anyone holding a receipt, a certificate or a copy can check it, without an account.
        var verify = app.MapGroup("/api/verify").AllowAnonymous().WithTags("Verification");
        verify.MapPost("/", VerifyAsync).WithSummary("公开核验：上传回执、证书 PDF 或媒体文件 / Public check of a receipt, certificate PDF or media file");
        verify.MapGet("/certificates/{number}", CertificateFactsAsync).WithSummary("按证书编号查询 / Look up a certificate by number");

        var works = api.MapGroup("/works").WithTags("Works");
        works.MapPost("/", CreateAsync).WithSummary("登记作品 / Create a work");
        works.MapGet("/", ListAsync).WithSummary("本组织的作品 / This organization's works");
        works.MapGet("/{id:guid}", GetAsync).WithSummary("作品详情 / A work with episodes, rights, documents and registrations");
        works.MapPut("/{id:guid}/episodes/{number:int}", PutMediaEpisodeAsync)
            .WithSummary("上传分集媒体（请求体即文件）/ Upload an episode's media (the request body is the file)");
        works.MapPut("/{id:guid}/episodes/{number:int}/fingerprint", PutFingerprintEpisodeAsync)
            .WithSummary("上传分集指纹文件 .rrfp / Upload an episode's .rrfp fingerprint");
        works.MapPost("/{id:guid}/rights", AddRightAsync).WithSummary("添加权利 / Add a right to the chain of title");
        works.MapPut("/{id:guid}/documents", PutDocumentAsync).WithSummary("上传权属文件 / Upload a supporting document");
        works.MapPost("/{id:guid}/registrations", SubmitAsync).WithSummary("提交登记 / Submit for registration");

        var uploads = api.MapGroup("/uploads").WithTags("Works");
        uploads.MapPost("/", CreateUploadAsync).WithSummary("开始可续传上传 / Start a resumable upload (declare the length)");
        uploads.MapGet("/{id:guid}", UploadStatusAsync).WithSummary("已收到的字节数 / Bytes received so far (resume from there)");
        uploads.MapPatch("/{id:guid}", AppendUploadAsync).WithSummary("追加数据块（Upload-Offset 头）/ Append a chunk at the Upload-Offset header");
        uploads.MapDelete("/{id:guid}", DeleteUploadAsync).WithSummary("放弃上传 / Abandon an upload");

        var registrations = api.MapGroup("/registrations").WithTags("Works");
        registrations.MapGet("/{id:guid}", RegistrationAsync).WithSummary("登记状态 / Registration state");
        registrations.MapGet("/{id:guid}/receipt", ReceiptAsync).WithSummary("登记回执 / Registration receipt");
        registrations.MapGet("/{id:guid}/certificate", CertificateHtmlAsync).WithSummary("登记证书（网页）/ Registration certificate (HTML)");
        registrations.MapGet("/{id:guid}/certificate.pdf", CertificatePdfAsync).WithSummary("登记证书 PDF / Registration certificate (PDF)");
        registrations.MapGet("/review", ReviewAsync).WithSummary("待审核登记（运营方）/ Registrations awaiting review (operator)");
        registrations.MapPost("/{id:guid}/decision", DecideAsync).WithSummary("审核决定（运营方）/ Review decision (operator)");
    }

    private static async Task<Created<WorkDto>> CreateAsync(CreateWorkRequest body, ClaimsPrincipal principal, WorkService works, CancellationToken ct)
    {
        var work = await works.CreateAsync(principal.ToActor(), body, ct);
        return TypedResults.Created($"/api/works/{work.Id}", WorkDto.From(work));
    }

    private static async Task<Ok<List<WorkDto>>> ListAsync(ClaimsPrincipal principal, WorkService works, CancellationToken ct) =>
        TypedResults.Ok((await works.ListAsync(principal.ToActor(), ct)).Select(WorkDto.From).ToList());

    private static async Task<Ok<WorkDetailDto>> GetAsync(Guid id, ClaimsPrincipal principal, WorkService works, RegistrationService registrations, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var work = await works.GetAsync(actor, id, ct);
        var episodes = await works.EpisodesAsync(actor, id, ct);
        var declaration = JsonSerializer.Deserialize<AigcDeclaration>(work.AigcDeclaration, Web) ?? AigcDeclaration.None;
        return TypedResults.Ok(new WorkDetailDto(
            WorkDto.From(work),
            episodes.Select(EpisodeDto.From).ToList(),
            AigcContradiction.Find(declaration, episodes).ToList(),
            (await works.RightsAsync(actor, id, ct)).ToList(),
            (await works.DocumentsAsync(actor, id, ct)).ToList(),
            (await registrations.ForWorkAsync(actor, id, ct)).Select(RegistrationDto.From).ToList()));
    }

    private static async Task<Accepted<EpisodeDto>> PutMediaEpisodeAsync(Guid id, int number, HttpContext http, ClaimsPrincipal principal,
        WorkService works, UploadService uploads, IOptions<RegistrationOptions> options, CancellationToken ct,
        string? title = null, string? fileName = null, Guid? upload = null)
    {
        var actor = principal.ToActor();
        if (upload is not { } uploadId)
        {
            AllowBody(http, options.Value.MaxMediaBytes);
            return TypedResults.Accepted($"/api/works/{id}", EpisodeDto.From(await works.AddMediaEpisodeAsync(actor, id, number, title, fileName, http.Request.Body, ct)));
        }
        // A finished resumable upload stands in for the body; it is removed once it became an episode.
        var status = await uploads.StatusAsync(actor, uploadId, ct);
        Episode episode;
        try
        {
            await using var content = await uploads.OpenCompletedAsync(actor, uploadId, ct);
            episode = await works.AddMediaEpisodeAsync(actor, id, number, title, fileName ?? status.FileName, content, ct);
        }
        catch (ReelRightsException e) when (e.Kind == ErrorKind.Validation)
        {
            // The file itself was refused (not media, truncated…): keeping it would only hold disk space.
            await uploads.DeleteAsync(actor, uploadId, CancellationToken.None);
            throw;
        }
        await uploads.DeleteAsync(actor, uploadId, ct);
        return TypedResults.Accepted($"/api/works/{id}", EpisodeDto.From(episode));
    }

    private static async Task<Created<UploadStatus>> CreateUploadAsync(CreateUploadRequest body, ClaimsPrincipal principal, UploadService uploads, CancellationToken ct)
    {
        var status = await uploads.CreateAsync(principal.ToActor(), body.FileName, body.Length, ct);
        return TypedResults.Created($"/api/uploads/{status.Id}", status);
    }

    private static async Task<Ok<UploadStatus>> UploadStatusAsync(Guid id, HttpContext http, ClaimsPrincipal principal, UploadService uploads, CancellationToken ct)
    {
        var status = await uploads.StatusAsync(principal.ToActor(), id, ct);
        http.Response.Headers["Upload-Offset"] = status.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(status);
    }

    private static async Task<Ok<UploadStatus>> AppendUploadAsync(Guid id, HttpContext http, ClaimsPrincipal principal, UploadService uploads,
        IOptions<RegistrationOptions> options, CancellationToken ct)
    {
        if (!long.TryParse(http.Request.Headers["Upload-Offset"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset))
        {
            throw ReelRightsException.Invalid("missing-offset", "需要 Upload-Offset 请求头（非负整数）。", "The Upload-Offset header (a non-negative integer) is required.");
        }
        AllowBody(http, options.Value.MaxMediaBytes);
        var status = await uploads.AppendAsync(principal.ToActor(), id, offset, http.Request.Body, ct);
        http.Response.Headers["Upload-Offset"] = status.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(status);
    }

    private static async Task<NoContent> DeleteUploadAsync(Guid id, ClaimsPrincipal principal, UploadService uploads, CancellationToken ct)
    {
        await uploads.DeleteAsync(principal.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<EpisodeDto>> PutFingerprintEpisodeAsync(Guid id, int number, HttpContext http, ClaimsPrincipal principal,
        WorkService works, IOptions<RegistrationOptions> options, CancellationToken ct, string? title = null)
    {
        AllowBody(http, options.Value.MaxFingerprintBytes);
        var episode = await works.AddFingerprintEpisodeAsync(principal.ToActor(), id, number, title, http.Request.Body, ct);
        return TypedResults.Created($"/api/works/{id}", EpisodeDto.From(episode));
    }

    private static async Task<Created<WorkRight>> AddRightAsync(Guid id, WorkRight body, ClaimsPrincipal principal, WorkService works, CancellationToken ct) =>
        TypedResults.Created($"/api/works/{id}", await works.AddRightAsync(principal.ToActor(), id, body, ct));

    private static async Task<Created<WorkDocument>> PutDocumentAsync(Guid id, string kind, string fileName, HttpContext http, ClaimsPrincipal principal,
        WorkService works, IOptions<RegistrationOptions> options, CancellationToken ct)
    {
        AllowBody(http, options.Value.MaxDocumentBytes);
        // Same spelling as in JSON bodies: kebab-case ("adaptation-license").
        if (!Enum.TryParse<DocumentKind>(kind.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
            || kind.Any(char.IsDigit))
        {
            throw ReelRightsException.Invalid("invalid-document-kind", "文件类型无效。", "Unknown kind of document.");
        }
        return TypedResults.Created($"/api/works/{id}", await works.AddDocumentAsync(principal.ToActor(), id, parsed, fileName, http.Request.Body, ct));
    }

    private static async Task<Accepted<RegistrationDto>> SubmitAsync(Guid id, ClaimsPrincipal principal, RegistrationService registrations, CancellationToken ct)
    {
        var registration = await registrations.SubmitAsync(principal.ToActor(), id, ct);
        return TypedResults.Accepted($"/api/registrations/{registration.Id}", RegistrationDto.From(registration));
    }

    private static async Task<Ok<RegistrationDto>> RegistrationAsync(Guid id, ClaimsPrincipal principal, RegistrationService registrations, CancellationToken ct) =>
        TypedResults.Ok(RegistrationDto.From(await registrations.GetAsync(principal.ToActor(), id, ct)));

    private static async Task<FileContentHttpResult> ReceiptAsync(Guid id, ClaimsPrincipal principal, RegistrationService registrations, CancellationToken ct)
    {
        var receipt = await registrations.ReceiptAsync(principal.ToActor(), id, ct);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(receipt.Encode()), "text/plain; charset=utf-8", $"registration-{id}.receipt");
    }

    private static async Task<ContentHttpResult> CertificateHtmlAsync(Guid id, ClaimsPrincipal principal, RegistrationService registrations,
        CertificateService certificates, CancellationToken ct)
    {
        var registration = await registrations.GetAsync(principal.ToActor(), id, ct);
        return TypedResults.Content(await certificates.HtmlAsync(registration, ct), "text/html; charset=utf-8");
    }

    private static async Task<FileContentHttpResult> CertificatePdfAsync(Guid id, ClaimsPrincipal principal, RegistrationService registrations,
        CertificateService certificates, CancellationToken ct)
    {
        var registration = await registrations.GetAsync(principal.ToActor(), id, ct);
        return TypedResults.File(await certificates.PdfAsync(registration, ct), "application/pdf", $"{registration.CertificateNumber}.pdf");
    }

    private static async Task<Ok<VerificationVerdict>> VerifyAsync(HttpContext http, VerificationService verification, IOptions<RegistrationOptions> options, CancellationToken ct)
    {
        AllowBody(http, options.Value.MaxVerifyBytes);
        return TypedResults.Ok(await verification.VerifyAsync(http.Request.Body, ct));
    }

    private static async Task<Ok<VerifiedRegistration>> CertificateFactsAsync(string number, VerificationService verification, CancellationToken ct) =>
        TypedResults.Ok(await verification.CertificateAsync(number, ct) ?? throw ReelRightsException.NotFound("证书"));

    private static async Task<Ok<List<RegistrationDto>>> ReviewAsync(ClaimsPrincipal principal, RegistrationService registrations, CancellationToken ct) =>
        TypedResults.Ok((await registrations.AwaitingReviewAsync(principal.ToActor(), ct)).Select(RegistrationDto.From).ToList());

    private static async Task<Ok<RegistrationDto>> DecideAsync(Guid id, DecisionRequest body, ClaimsPrincipal principal, RegistrationService registrations, CancellationToken ct) =>
        TypedResults.Ok(RegistrationDto.From(await registrations.DecideAsync(principal.ToActor(), id, body.Approve, body.Note, ct)));

    /// <summary>Uploads stream straight to the blob store, which enforces the exact limit with a clear error.</summary>
    private static void AllowBody(HttpContext http, long max)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max + 1;
        }
    }
}

public sealed record DecisionRequest(bool Approve, string? Note = null);

public sealed record CreateUploadRequest(long Length, string? FileName = null);

public sealed record WorkDto(Guid Id, string Code, string Title, WorkType Type, string Language, string? Description, JsonElement Aigc, DateTime CreatedAt)
{
    public static WorkDto From(Work w) => new(w.Id, w.Code, w.Title, w.Type, w.Language, w.Description, JsonSerializer.Deserialize<JsonElement>(w.AigcDeclaration), w.CreatedAt);
}

public sealed record EpisodeDto(Guid Id, int Number, string Code, string Title, EpisodeSource Source, EpisodeState State, double Progress,
    string? Error, string? FileName, long? MediaSize, string? MediaSha256, string? MediaSm3, double? DurationSeconds, string? FingerprintSha256,
    JsonElement? AigcFindings)
{
    public static EpisodeDto From(Episode e) => new(e.Id, e.Number, e.Code, e.Title, e.Source, e.State, e.Progress, e.Error, e.FileName, e.MediaSize,
        e.MediaSha256, e.MediaSm3, e.DurationSeconds, e.FingerprintSha256,
        e.AigcFindings is null ? null : JsonSerializer.Deserialize<JsonElement>(e.AigcFindings));
}

public sealed record RegistrationDto(Guid Id, Guid WorkId, RegistrationState State, IReadOnlyList<Guid> EpisodeIds, JsonElement Conflicts,
    string? CertificateNumber, long? LeafIndex, DateTime CreatedAt, DateTime? SealedAt, string? DecisionNote)
{
    public static RegistrationDto From(Registration r) => new(r.Id, r.WorkId, r.State, JsonSerializer.Deserialize<List<Guid>>(r.EpisodeIds) ?? [],
        JsonSerializer.Deserialize<JsonElement>(r.Conflicts), r.CertificateNumber, r.LeafIndex, r.CreatedAt, r.SealedAt, r.DecisionNote);
}

public sealed record WorkDetailDto(WorkDto Work, List<EpisodeDto> Episodes, List<AigcContradiction> AigcContradictions, List<WorkRight> Rights, List<WorkDocument> Documents, List<RegistrationDto> Registrations);
