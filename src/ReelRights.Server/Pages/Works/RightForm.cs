using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Works;

/// <summary>The "add a right" form; dates stay text until parsed so a bad date gets its own message.</summary>
public sealed class RightForm
{
    public RightKind Right { get; set; }
    public string? Holder { get; set; }
    public string? Territory { get; set; }
    public string? StartsOn { get; set; }
    public string? EndsOn { get; set; }
    public bool Exclusive { get; set; }
    public string? Note { get; set; }
}
