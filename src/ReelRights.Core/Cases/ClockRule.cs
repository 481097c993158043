using ReelRights.Core.Cases.Calendar;

namespace ReelRights.Core.Cases;

/// <summary>How a clock counts.</summary>
public enum ClockUnit
{
    /// <summary>Calendar days; a period ending on a holiday or rest day ends on the next working day (Civil Code art. 203).</summary>
    CalendarDays,
    /// <summary>Working days by the <see cref="WorkdayCalendar"/>.</summary>
    WorkingDays,
    /// <summary>Whole days of 24 hours from the moment the clock starts (the Content ID clocks).</summary>
    ElapsedDays,
}

/// <summary>A clock's length; <see cref="DueAt"/> turns a start instant into the deadline.</summary>
public sealed record ClockRule(int Amount, ClockUnit Unit)
{
    /// <summary>China Standard Time, in which statutory days begin and end.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// The deadline: for days counted by the calendar, 24:00 China time of the period's last day
    /// (Civil Code art. 201: the start day is not counted; art. 203: the last day ends at 24:00).
    /// </summary>
    public DateTimeOffset DueAt(DateTimeOffset start, WorkdayCalendar calendar)
    {
        if (Unit == ClockUnit.ElapsedDays)
        {
            return start.AddDays(Amount);
        }
        var startDay = DateOnly.FromDateTime(start.ToOffset(ChinaOffset).DateTime);
        var last = Unit == ClockUnit.WorkingDays ? calendar.AddWorkingDays(startDay, Amount) : calendar.AddCalendarDays(startDay, Amount);
        return new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset);
    }

    /// <summary>When to remind: 09:00 China time three working days before the last day (null when that has passed or the period is shorter).</summary>
    public DateTimeOffset? RemindAt(DateTimeOffset start, DateTimeOffset due, WorkdayCalendar calendar)
    {
        var lastDay = DateOnly.FromDateTime(due.ToOffset(ChinaOffset).AddTicks(-1).DateTime);
        var day = lastDay;
        for (var counted = 0; counted < 3;)
        {
            day = day.AddDays(-1);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
        }
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), ChinaOffset);
        return at > start ? at : null;
    }

    public string Describe() => Unit switch
    {
        ClockUnit.WorkingDays => $"{Amount} 个工作日 / {Amount} working days",
        ClockUnit.CalendarDays => $"{Amount} 日 / {Amount} days",
        _ => $"{Amount} × 24 小时 / {Amount} × 24 hours",
    };
}
