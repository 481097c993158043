using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Works;

/// <summary>The "register a new work" form, including the AIGC declaration.</summary>
public sealed class NewWorkForm
{
    public string? Title { get; set; }
    public WorkType Type { get; set; } = WorkType.MicroDrama;
    public string? Language { get; set; } = "zh";
    public string? Description { get; set; }
    public bool UsesAi { get; set; }
    public string? AiTools { get; set; }
    public string? AiRole { get; set; }
    public string? HumanContribution { get; set; }
}
