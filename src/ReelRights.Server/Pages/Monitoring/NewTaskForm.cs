namespace ReelRights.Server.Pages.Monitoring;

/// <summary>The "new monitoring task" form: URLs are typed one per line.</summary>
public sealed class NewTaskForm
{
    public string? Name { get; set; }
    public string? Urls { get; set; }
    public int? IntervalMinutes { get; set; }

    public List<string> UrlList() =>
        (Urls ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
