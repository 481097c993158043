using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;
using ReelRights.Server.Pages.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Monitoring;

/// <summary>
/// Monitoring (侵权监测): the organization's tasks with the progress of their runs, its declared
/// own and licensed channels, and its hits counted per work. Every form posts and redirects; the
/// page's script only polls <see cref="OnGetStatusAsync"/> while a run is going.
/// </summary>
public sealed class MonitoringModel(CurrentSession session, MonitoringService monitoring, ChannelService channels, WorkService works,
    ReelRightsDbContext db, UiLanguage language) : PageModel
{
    private const string FlashZh = "rr-monitoring-flash-zh";
    private const string FlashEn = "rr-monitoring-flash-en";

    public IReadOnlyList<TaskRun> Runs { get; private set; } = [];
    public IReadOnlyList<AuthorizedChannel> Channels { get; private set; } = [];
    public IReadOnlyList<Work> Works { get; private set; } = [];
    public IReadOnlyList<PlatformChoice> Platforms { get; private set; } = [];
    public IReadOnlyList<WorkHitSummary> HitSummaries { get; private set; } = [];
    public bool CanWrite { get; private set; }
    public string? FlashMessageZh { get; private set; }
    public string? FlashMessageEn { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    /// <summary>The forms as posted, so a rejected one comes back filled in.</summary>
    [BindProperty]
    public NewTaskForm TaskInput { get; set; } = new();

    [BindProperty]
    public ChannelForm ChannelInput { get; set; } = new();

    public bool Pending => Runs.Any(r => MonitoringLabels.IsRunning(r.State));

    public Work? WorkOf(Guid? id) => id is { } w ? Works.FirstOrDefault(x => x.Id == w) : null;

    public string? PlatformName(Guid? id) => id is { } p ? Platforms.FirstOrDefault(x => x.Id == p)?.Name : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.MonitoringRead))
        {
            return Forbid();
        }
        FlashMessageZh = TempData[FlashZh] as string;
        FlashMessageEn = TempData[FlashEn] as string;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>What the page's script polls: the state and progress of each task's latest run, labelled in the page's language.</summary>
    public async Task<IActionResult> OnGetStatusAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        try
        {
            var runs = await db.TaskRunsAsync(session.Actor, cancellationToken);
            return new JsonResult(new
            {
                tasks = runs.Select(r => new
                {
                    id = r.Task.Id,
                    state = r.State is { } s ? WorkFormat.Kebab(s) : "never",
                    label = Label(MonitoringLabels.For(r.State)),
                    progress = r.Progress,
                    running = MonitoringLabels.IsRunning(r.State),
                }),
            });
        }
        catch (ReelRightsException e)
        {
            return new JsonResult(new { code = e.Code, messageZh = e.MessageZh, messageEn = e.MessageEn }) { StatusCode = Api.Problems.StatusFor(e.Kind) };
        }
    }

    public Task<IActionResult> OnPostCreateTaskAsync(CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            var urls = TaskInput.UrlList();
            var task = await monitoring.CreateAsync(actor, new CreateTaskRequest(TaskInput.Name ?? "", urls, TaskInput.IntervalMinutes), cancellationToken);
            return ($"已创建监测任务“{task.Name}”（{urls.Count} 个网址），正在运行。", $"Created the monitoring task “{task.Name}” ({urls.Count} URLs); it is running now.");
        }, cancellationToken);

    public Task<IActionResult> OnPostRunAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            var task = await monitoring.RunNowAsync(actor, id, cancellationToken);
            return ($"“{task.Name}”已开始运行。", $"“{task.Name}” is running now.");
        }, cancellationToken);

    public Task<IActionResult> OnPostDeclareChannelAsync(CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            var form = ChannelInput;
            var channel = await channels.DeclareAsync(actor, new DeclareChannelRequest(form.Kind, form.WorkId, form.PlatformOrganizationId,
                string.IsNullOrWhiteSpace(form.UrlPrefix) ? null : form.UrlPrefix, form.Note), cancellationToken);
            var (zh, en) = MonitoringLabels.For(channel.Kind);
            return ($"已添加{zh}。之后的监测会按此分类。", $"Added the {en.ToLowerInvariant()}. Monitoring classifies by it from now on.");
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveChannelAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            await channels.RemoveAsync(actor, id, cancellationToken);
            return ("已删除渠道。", "Removed the channel.");
        }, cancellationToken);

    /// <summary>Post/redirect/get with a one-time message on success; the page again with the bilingual error on failure.</summary>
    private async Task<IActionResult> RunAsync(Func<Actor, Task<(string Zh, string En)>> action, CancellationToken cancellationToken)
    {
        try
        {
            var (zh, en) = await action(session.Actor);
            TempData[FlashZh] = zh;
            TempData[FlashEn] = en;
            return RedirectToPage();
        }
        catch (ReelRightsException e)
        {
            ErrorZh = e.MessageZh;
            ErrorEn = e.MessageEn;
            Response.StatusCode = Api.Problems.StatusFor(e.Kind);
        }
        if (!session.Actor.Has(Permissions.MonitoringRead))
        {
            return Forbid();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = session.Actor;
        CanWrite = actor.Has(Permissions.MonitoringWrite);
        Runs = await db.TaskRunsAsync(actor, cancellationToken);
        Channels = await channels.ListAsync(actor, cancellationToken);
        Works = actor.Has(Permissions.WorksRead) ? await works.ListAsync(actor, cancellationToken) : [];
        Platforms = await db.PlatformsAsync(actor, cancellationToken);
        var counts = await db.HitCountsAsync(actor, cancellationToken);
        HitSummaries = counts.GroupBy(c => c.WorkId)
            .Select(g => (Work: WorkOf(g.Key), Counts: g))
            .Where(x => x.Work is not null)
            .Select(x => new WorkHitSummary(x.Work!,
                x.Counts.Where(c => !c.Dismissed).GroupBy(c => c.Class).ToDictionary(c => c.Key, c => c.Sum(y => y.Count)),
                x.Counts.Where(c => c.Dismissed).Sum(c => c.Count)))
            .OrderByDescending(s => s.Count(MatchClass.Suspected)).ThenByDescending(s => s.Total)
            .ToList();
    }

    private string Label((string Zh, string En) label) => language[label.Zh, label.En];
}
