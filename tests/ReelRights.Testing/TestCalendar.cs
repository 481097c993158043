using System.Globalization;
using System.Text.Json;

namespace ReelRights.Testing;

/// <summary>
/// A working-day calendar for servers that run on today's clock: weekends only, for last year to
/// two years ahead. The shipped calendar holds only the years the State Council has announced, so a
/// clock started near the end of the year could otherwise end in a year it lacks. The real calendar
/// is tested with a fake clock in Core.Tests.
/// </summary>
public static class TestCalendar
{
    /// <summary>Writes the file and returns its path (for <c>Cases:CalendarFile</c>).</summary>
    public static string WriteWeekendsOnly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rr-calendar-{Guid.NewGuid():N}.json");
        var years = Enumerable.Range(DateTime.UtcNow.Year - 1, 4).ToDictionary(y => y.ToString(CultureInfo.InvariantCulture),
            _ => new { source = "test calendar: weekends only", holidays = Array.Empty<object>(), workdays = Array.Empty<string>() });
        File.WriteAllText(path, JsonSerializer.Serialize(new { years }));
        return path;
    }
}
