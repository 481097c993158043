using System.Globalization;
using System.Text.Json;

namespace ReelRights.Core.Cases.Calendar;

/// <summary>
/// China's working days: Monday–Friday, minus public holidays and their swapped rest days, plus
/// the weekend days declared working (调休上班), from a data file per year
/// (<c>china-workdays.json</c>, each year citing the State Council notice it comes from). A date in
/// a year the file does not hold is an error that names the year: the calendar never guesses.
/// </summary>
public sealed class WorkdayCalendar
{
    private readonly Dictionary<int, YearDays> years;

    private WorkdayCalendar(Dictionary<int, YearDays> years) => this.years = years;

    /// <summary>The years this calendar holds.</summary>
    public IReadOnlyCollection<int> Years => years.Keys;

    /// <summary>The source the given year's days come from.</summary>
    public string SourceOf(int year) => Year(year).Source;

    /// <summary>The calendar shipped with ReelRights.</summary>
    public static WorkdayCalendar China { get; } = LoadEmbedded();

    /// <summary>Whether <paramref name="date"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        var year = Year(date.Year);
        if (year.Workdays.Contains(date))
        {
            return true;
        }
        return !year.Holidays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The last day of a period of <paramref name="workingDays"/> working days that begins on
    /// <paramref name="start"/>: the start day itself is not counted (Civil Code art. 201).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>
    /// The last day of a period of <paramref name="days"/> calendar days from <paramref name="start"/>
    /// (start day not counted, Civil Code art. 201); when it falls on a public holiday or rest day,
    /// the period ends on the next working day (Civil Code art. 203).
    /// </summary>
    public DateOnly AddCalendarDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var day = start.AddDays(days);
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>Working days from the day after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>The calendar of <paramref name="path"/>, or the shipped one when it is null.</summary>
    public static WorkdayCalendar Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return China;
        }
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (IOException e)
        {
            throw Malformed($"无法读取 {path}（{e.Message}）", $"{path} cannot be read ({e.Message})");
        }
    }

    /// <summary>Reads a calendar file; any defect is a <see cref="ReelRightsException"/> naming it.</summary>
    public static WorkdayCalendar Parse(string json)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw Malformed($"不是有效的 JSON（{e.Message}）", $"not valid JSON ({e.Message})");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("years", out var yearsElement) || yearsElement.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("缺少 years 对象", "the years object is missing");
        }
        var result = new Dictionary<int, YearDays>();
        foreach (var property in yearsElement.EnumerateObject())
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2200)
            {
                throw Malformed($"年份“{property.Name}”无效", $"\"{property.Name}\" is not a year");
            }
            result[year] = ReadYear(year, property.Value);
        }
        return new WorkdayCalendar(result);
    }

    private static YearDays ReadYear(int year, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString())
            || !element.TryGetProperty("holidays", out var holidays) || holidays.ValueKind != JsonValueKind.Array
            || !element.TryGetProperty("workdays", out var workdays) || workdays.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"{year} 年缺少 source、holidays 或 workdays", $"{year} lacks source, holidays or workdays");
        }
        var off = new HashSet<DateOnly>();
        foreach (var range in holidays.EnumerateArray())
        {
            var from = ReadDate(year, range, "from");
            var to = ReadDate(year, range, "to");
            if (to < from)
            {
                throw Malformed($"{year} 年的假期 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd} 首尾颠倒", $"{year}: holiday {from:yyyy-MM-dd} to {to:yyyy-MM-dd} ends before it starts");
            }
            for (var d = from; d <= to; d = d.AddDays(1))
            {
                off.Add(d);
            }
        }
        var on = new HashSet<DateOnly>();
        foreach (var day in workdays.EnumerateArray())
        {
            var date = ParseDate(year, day);
            if (off.Contains(date))
            {
                throw Malformed($"{date:yyyy-MM-dd} 同时被列为假日和上班日", $"{date:yyyy-MM-dd} is listed both as a holiday and as a working day");
            }
            on.Add(date);
        }
        return new YearDays(source.GetString()!, off, on);
    }

    private static DateOnly ReadDate(int year, JsonElement range, string name) =>
        range.ValueKind == JsonValueKind.Object && range.TryGetProperty(name, out var value)
            ? ParseDate(year, value)
            : throw Malformed($"{year} 年的假期缺少 {name}", $"{year}: a holiday lacks \"{name}\"");

    private static DateOnly ParseDate(int year, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Malformed($"{year} 年中的日期“{value}”不是 yyyy-MM-dd", $"{year}: \"{value}\" is not a yyyy-MM-dd date");
        }
        return date.Year == year ? date : throw Malformed($"{date:yyyy-MM-dd} 不属于 {year} 年", $"{date:yyyy-MM-dd} is listed under {year}");
    }

    private YearDays Year(int year) => years.TryGetValue(year, out var days)
        ? days
        : throw new ReelRightsException(ErrorKind.Unavailable, "calendar-year-missing",
            $"工作日历缺少 {year} 年的节假日安排，无法计算期限；请按国务院办公厅公布的 {year} 年安排补充日历文件（设置 Cases:CalendarFile）。",
            $"The working-day calendar has no holidays for {year}, so the deadline cannot be computed; add the State Council's {year} schedule to a calendar file (setting Cases:CalendarFile).");

    private static ReelRightsException Malformed(string zh, string en) =>
        ReelRightsException.Invalid("calendar-malformed", "工作日历文件有误：" + zh + "。", "The working-day calendar file is malformed: " + en + ".");

    private static WorkdayCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkdayCalendar).Assembly.GetManifestResourceStream("ReelRights.Core.Cases.Calendar.china-workdays.json")
            ?? throw new InvalidOperationException("china-workdays.json is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed record YearDays(string Source, HashSet<DateOnly> Holidays, HashSet<DateOnly> Workdays);
}
