using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Calendar;

namespace ReelRights.Core.Tests.Cases;

/// <summary>The shipped calendar across the 2025 National Day and 2026 Spring Festival holidays, with their working weekends.</summary>
public sealed class WorkdayCalendarTests
{
    private static readonly WorkdayCalendar China = WorkdayCalendar.China;

    [Theory]
    [InlineData("2025-09-28", true)]  // Sunday, declared working before National Day
    [InlineData("2025-10-01", false)]
    [InlineData("2025-10-08", false)] // Wednesday inside the eight-day holiday
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-11", true)]  // Saturday, declared working
    [InlineData("2025-10-12", false)]
    [InlineData("2026-02-13", true)]
    [InlineData("2026-02-14", true)]  // Saturday, declared working before Spring Festival
    [InlineData("2026-02-16", false)] // Monday inside the holiday
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]  // Saturday, declared working
    [InlineData("2026-03-01", false)]
    public void IsWorkingDay_AroundHolidays_FollowsTheStateCouncilSchedule(string date, bool working)
    {
        China.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(working);
    }

    [Theory]
    [InlineData("2025-09-30", 1, "2025-10-09")]  // over the whole National Day holiday
    [InlineData("2025-09-26", 1, "2025-09-28")]  // onto the working Sunday
    [InlineData("2025-10-09", 2, "2025-10-11")]  // Thursday, Friday… then the working Saturday
    [InlineData("2026-02-13", 2, "2026-02-24")]  // working Saturday, then over Spring Festival
    [InlineData("2026-02-10", 20, "2026-03-16")] // a 20-working-day period across Spring Festival
    public void AddWorkingDays_AcrossHolidays_CountsOnlyWorkingDays(string start, int days, string end)
    {
        China.AddWorkingDays(Date(start), days).ShouldBe(Date(end));
    }

    [Fact]
    public void AddCalendarDays_EndingInAHoliday_EndsOnTheNextWorkingDay()
    {
        // 15 days from 20 September 2025 end on 5 October, inside the holiday: Civil Code art. 203.
        China.AddCalendarDays(Date("2025-09-20"), 15).ShouldBe(Date("2025-10-09"));
        China.AddCalendarDays(Date("2025-09-10"), 15).ShouldBe(Date("2025-09-25"));
    }

    [Fact]
    public void DueAt_WorkingDays_IsMidnightChinaTimeAfterTheLastDay()
    {
        // 11:00 in Beijing on 10 February 2026; the start day is not counted.
        var due = new ClockRule(20, ClockUnit.WorkingDays).DueAt(new DateTimeOffset(2026, 2, 10, 3, 0, 0, TimeSpan.Zero), China);
        // 01:00 in Beijing on 11 February (17:00 UTC on the 10th): the period starts a day later.
        var late = new ClockRule(1, ClockUnit.WorkingDays).DueAt(new DateTimeOffset(2026, 2, 10, 17, 0, 0, TimeSpan.Zero), China);

        due.ShouldBe(new DateTimeOffset(2026, 3, 16, 16, 0, 0, TimeSpan.Zero));
        late.ShouldBe(new DateTimeOffset(2026, 2, 12, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void RemindAt_IsThreeWorkingDaysBeforeTheLastDay()
    {
        var rule = new ClockRule(20, ClockUnit.WorkingDays);
        var start = new DateTimeOffset(2026, 2, 10, 3, 0, 0, TimeSpan.Zero);

        var remind = rule.RemindAt(start, rule.DueAt(start, China), China);

        // Last day Monday 16 March; three working days before it: 11 March, 09:00 Beijing time.
        remind.ShouldBe(new DateTimeOffset(2026, 3, 11, 1, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void MissingYear_IsAnErrorThatNamesTheYear()
    {
        var outside = Should.Throw<ReelRightsException>(() => China.IsWorkingDay(Date("2027-03-01")));
        var crossing = Should.Throw<ReelRightsException>(() => China.AddWorkingDays(Date("2026-12-20"), 20));

        outside.Code.ShouldBe("calendar-year-missing");
        outside.MessageZh.ShouldContain("2027");
        outside.MessageEn.ShouldContain("2027");
        crossing.MessageEn.ShouldContain("2027");
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"years\":[]}", "years object")]
    [InlineData("{\"years\":{\"20x5\":{}}}", "is not a year")]
    [InlineData("{\"years\":{\"2025\":{\"holidays\":[],\"workdays\":[]}}}", "lacks source")]
    [InlineData("{\"years\":{\"2025\":{\"source\":\"s\",\"holidays\":[{\"from\":\"2025-10-01\",\"to\":\"2025-10-03\"}],\"workdays\":[\"2025-10-02\"]}}}", "both as a holiday")]
    [InlineData("{\"years\":{\"2025\":{\"source\":\"s\",\"holidays\":[{\"from\":\"2026-10-01\",\"to\":\"2026-10-03\"}],\"workdays\":[]}}}", "listed under 2025")]
    [InlineData("{\"years\":{\"2025\":{\"source\":\"s\",\"holidays\":[{\"from\":\"2025-10-05\",\"to\":\"2025-10-03\"}],\"workdays\":[]}}}", "ends before")]
    [InlineData("{\"years\":{\"2025\":{\"source\":\"s\",\"holidays\":[],\"workdays\":[\"10/01/2025\"]}}}", "yyyy-MM-dd")]
    public void Parse_MalformedCalendar_IsRejectedNamingTheDefect(string json, string expected)
    {
        var error = Should.Throw<ReelRightsException>(() => WorkdayCalendar.Parse(json));

        error.Code.ShouldBe("calendar-malformed");
        error.MessageEn.ShouldContain(expected);
    }

    [Fact]
    public void ShippedCalendar_CitesItsSourcePerYear()
    {
        China.Years.ShouldBe([2025, 2026], ignoreOrder: true);
        China.SourceOf(2025).ShouldContain("国办发明电〔2024〕12号");
        China.SourceOf(2026).ShouldContain("2025-11-04");
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
