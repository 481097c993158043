using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Works;

/// <summary>
/// One work: episodes with fingerprinting progress, the chain of title, documents and
/// registrations. Every form posts and redirects; the script on the page only adds upload progress
/// (PUT to the API) and polls <see cref="OnGetStatusAsync"/> while something is still running.
/// </summary>
[UploadLimits]
public sealed class WorkDetailModel(CurrentSession session, WorkService works, RegistrationService registrations, UiLanguage language,
    Microsoft.Extensions.Options.IOptions<RegistrationOptions> options) : PageModel
{
    private const string FlashZh = "rr-work-flash-zh";
    private const string FlashEn = "rr-work-flash-en";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Work Work { get; private set; } = null!;
    public AigcDeclaration Declaration { get; private set; } = AigcDeclaration.None;
    public IReadOnlyList<EpisodeRow> Episodes { get; private set; } = [];
    public IReadOnlyList<WorkRight> Rights { get; private set; } = [];
    public IReadOnlyList<WorkDocument> Documents { get; private set; } = [];
    public IReadOnlyList<RegistrationRow> Registrations { get; private set; } = [];
    public int UnregisteredCount { get; private set; }
    public int NextNumber { get; private set; } = 1;
    public bool CanWrite { get; private set; }

    /// <summary>From this size on the page uploads in resumable chunks.</summary>
    public long ResumableUploadBytes => options.Value.ResumableUploadBytes;
    public string? FlashMessageZh { get; private set; }
    public string? FlashMessageEn { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    /// <summary>The add-right form as posted, so a rejected one comes back filled in.</summary>
    [BindProperty]
    public RightForm RightInput { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        FlashMessageZh = TempData[FlashZh] as string;
        FlashMessageEn = TempData[FlashEn] as string;
        try
        {
            await LoadAsync(id, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            return e.Kind == ErrorKind.NotFound ? NotFound() : Forbid();
        }
        return Page();
    }

    /// <summary>What the page's script polls: each episode's and registration's state, labelled in the page's language.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        try
        {
            var episodes = await works.EpisodesAsync(session.Actor, id, cancellationToken);
            var submitted = await registrations.ForWorkAsync(session.Actor, id, cancellationToken);
            return new JsonResult(new
            {
                episodes = episodes.Select(e => new
                {
                    id = e.Id,
                    number = e.Number,
                    state = WorkFormat.Kebab(e.State),
                    label = Label(WorkLabels.For(e.State)),
                    progress = e.Progress,
                    error = e.Error,
                }),
                registrations = submitted.Select(r => new
                {
                    id = r.Id,
                    state = WorkFormat.Kebab(r.State),
                    label = Label(WorkLabels.For(r.State)),
                    certificateNumber = r.CertificateNumber,
                }),
            });
        }
        catch (ReelRightsException e)
        {
            return new JsonResult(new { code = e.Code, messageZh = e.MessageZh, messageEn = e.MessageEn }) { StatusCode = Api.Problems.StatusFor(e.Kind) };
        }
    }

    /// <summary>
    /// Episode upload without JavaScript (the script PUTs each file to the API instead, with
    /// progress). Several files become consecutive episodes from <paramref name="number"/> on.
    /// </summary>
    public Task<IActionResult> OnPostMediaAsync(Guid id, int number, string? title, List<IFormFile>? files, CancellationToken cancellationToken) =>
        RunAsync(id, async actor =>
        {
            // In file-name order with numbers compared as numbers (ep2 before ep10), as the script does.
            var chosen = (files ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName))
                .OrderBy(f => f.FileName, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.NumericOrdering)).ToList();
            if (chosen.Count == 0)
            {
                throw ReelRightsException.Invalid("no-file", "请选择要上传的分集文件。", "Choose the episode file(s) to upload.");
            }
            for (var i = 0; i < chosen.Count; i++)
            {
                var file = chosen[i];
                var episodeNumber = number + i;
                try
                {
                    await using var stream = file.OpenReadStream();
                    await works.AddMediaEpisodeAsync(actor, id, episodeNumber, chosen.Count == 1 ? title : null, file.FileName, stream, cancellationToken);
                }
                catch (ReelRightsException e)
                {
                    // Name the file that failed; the ones before it are kept.
                    throw new ReelRightsException(e.Kind, e.Code, $"{file.FileName}（第 {episodeNumber} 集）：{e.MessageZh}",
                        $"{file.FileName} (episode {episodeNumber}): {e.MessageEn}");
                }
            }
            return chosen.Count == 1
                ? ($"第 {number} 集已上传，正在计算指纹。", $"Episode {number} uploaded; fingerprinting has started.")
                : ($"第 {number}–{number + chosen.Count - 1} 集已上传，正在计算指纹。", $"Episodes {number}–{number + chosen.Count - 1} uploaded; fingerprinting has started.");
        }, cancellationToken);

    public Task<IActionResult> OnPostFingerprintAsync(Guid id, int number, string? title, IFormFile? file, CancellationToken cancellationToken) =>
        RunAsync(id, async actor =>
        {
            if (file is null)
            {
                throw ReelRightsException.Invalid("no-file", "请选择 .rrfp 指纹文件。", "Choose a .rrfp fingerprint file.");
            }
            await using var stream = file.OpenReadStream();
            await works.AddFingerprintEpisodeAsync(actor, id, number, title, stream, cancellationToken);
            return ($"第 {number} 集已由指纹文件添加。", $"Episode {number} added from its fingerprint file.");
        }, cancellationToken);

    public Task<IActionResult> OnPostRightAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(id, async actor =>
        {
            var form = RightInput;
            var right = await works.AddRightAsync(actor, id, new WorkRight
            {
                Right = form.Right,
                Holder = form.Holder ?? "",
                Territory = form.Territory ?? "",
                StartsOn = ParseDate(form.StartsOn),
                EndsOn = ParseDate(form.EndsOn),
                Exclusive = form.Exclusive,
                Note = form.Note,
            }, cancellationToken);
            var (zh, en) = WorkLabels.For(right.Right);
            return ($"已添加{zh}（{right.Holder}）。", $"Added {en} ({right.Holder}).");
        }, cancellationToken);

    public Task<IActionResult> OnPostDocumentAsync(Guid id, DocumentKind kind, IFormFile? file, CancellationToken cancellationToken) =>
        RunAsync(id, async actor =>
        {
            if (file is null)
            {
                throw ReelRightsException.Invalid("no-file", "请选择要上传的文件。", "Choose a file to upload.");
            }
            await using var stream = file.OpenReadStream();
            var document = await works.AddDocumentAsync(actor, id, kind, file.FileName, stream, cancellationToken);
            return ($"已上传 {document.FileName}。", $"Uploaded {document.FileName}.");
        }, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(id, async actor =>
        {
            var registration = await registrations.SubmitAsync(actor, id, cancellationToken);
            var count = (JsonSerializer.Deserialize<List<Guid>>(registration.EpisodeIds) ?? []).Count;
            return ($"已提交 {count} 个分集登记，正在比对并存证。", $"Submitted {count} episode(s); checking and sealing now.");
        }, cancellationToken);

    /// <summary>
    /// Post/redirect/get on success with a one-time message, so a reload never repeats an upload;
    /// the page again with the bilingual error and the matching status on failure.
    /// </summary>
    private async Task<IActionResult> RunAsync(Guid id, Func<Actor, Task<(string Zh, string En)>> action, CancellationToken cancellationToken)
    {
        try
        {
            var (zh, en) = await action(session.Actor);
            TempData[FlashZh] = zh;
            TempData[FlashEn] = en;
            return RedirectToPage(new { id });
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            Response.StatusCode = Api.Problems.StatusFor(e.Kind);
        }
        try
        {
            await LoadAsync(id, cancellationToken);
        }
        catch (ReelRightsException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            return e.Kind == ErrorKind.NotFound ? NotFound() : Forbid();
        }
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = session.Actor;
        CanWrite = actor.Has(Permissions.WorksWrite);
        Work = await works.GetAsync(actor, id, cancellationToken);
        Declaration = JsonSerializer.Deserialize<AigcDeclaration>(Work.AigcDeclaration, Json) ?? AigcDeclaration.None;
        var episodes = await works.EpisodesAsync(actor, id, cancellationToken);
        Rights = await works.RightsAsync(session.Actor, id, cancellationToken);
        Documents = await works.DocumentsAsync(session.Actor, id, cancellationToken);
        var submitted = await registrations.ForWorkAsync(session.Actor, id, cancellationToken);

        // Later registrations win: an episode rejected once and submitted again shows the new state.
        var registrationOf = new Dictionary<Guid, Registration>();
        var taken = new HashSet<Guid>();
        var rows = new List<RegistrationRow>();
        foreach (var registration in submitted)
        {
            var ids = JsonSerializer.Deserialize<List<Guid>>(registration.EpisodeIds) ?? [];
            foreach (var episodeId in ids)
            {
                registrationOf[episodeId] = registration;
                if (registration.State != RegistrationState.Rejected)
                {
                    taken.Add(episodeId);
                }
            }
            rows.Add(new RegistrationRow(registration, JsonSerializer.Deserialize<List<RegistrationConflict>>(registration.Conflicts, Json) ?? [], ids.Count));
        }
        Registrations = rows;
        // The same contradictions the registration seals, so the owner sees them before submitting.
        var contradictions = AigcContradiction.Find(Declaration, episodes).ToLookup(c => c.EpisodeCode);
        Episodes = episodes.Select(e => new EpisodeRow(e, AigcFindings.Parse(e.AigcFindings), registrationOf.GetValueOrDefault(e.Id),
            contradictions[e.Code].ToList())).ToList();
        UnregisteredCount = episodes.Count(e => !taken.Contains(e.Id));
        NextNumber = episodes.Count == 0 ? 1 : Math.Min(999, episodes.Max(e => e.Number) + 1);
    }

    private string Label((string Zh, string En) label) => language[label.Zh, label.En];

    private static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw ReelRightsException.Invalid("invalid-date", $"日期“{text}”无效，请按 YYYY-MM-DD 填写。", $"The date “{text}” is not valid; use YYYY-MM-DD.");
    }
}
