namespace ReelRights.Core.Licensing;

/// <summary>License terms are calendar dates in China time (UTC+8); this is the one place that says what "today" is.</summary>
public static class LicensingClock
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime + China);

    /// <summary>The UTC instant a China-time date begins.</summary>
    public static DateTime StartOf(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - China;
}
