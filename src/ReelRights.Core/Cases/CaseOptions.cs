namespace ReelRights.Core.Cases;

/// <summary>Settings of the enforcement service (section <c>Cases</c>).</summary>
public sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>
    /// A working-day calendar file (the format of the shipped <c>china-workdays.json</c>) used instead
    /// of the shipped one, so an operator can add a year as soon as the State Council publishes it.
    /// </summary>
    public string? CalendarFile { get; set; }

    /// <summary>How long after a takedown measure (removed, blocked, links disconnected) monitoring looks at the place again.</summary>
    public TimeSpan RecheckDelay { get; set; } = TimeSpan.FromHours(1);
}
