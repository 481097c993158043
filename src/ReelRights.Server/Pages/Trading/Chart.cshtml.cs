using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Core.Accounts;
using ReelRights.Core.Licensing;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages.Trading;

/// <summary>
/// 授权全景图: for each work, one lane per right and territory, each license a bar over its term
/// (exclusive red, sole orange, non-exclusive blue, awaiting signatures dashed), with today marked:
/// the picture a rights manager wants before saying yes to a new exclusive.
/// </summary>
public sealed class ChartModel(CurrentSession session, LicenseService licenses, WorkService works, TimeProvider time) : PageModel
{
    public sealed record Bar(string Code, Exclusivity Exclusivity, bool Pending, DateOnly Start, DateOnly End);
    public sealed record Lane(string RightZh, string RightEn, string TerritoryZh, string TerritoryEn, IReadOnlyList<Bar> Bars);
    public sealed record WorkChart(string Title, IReadOnlyList<Lane> Lanes);

    public IReadOnlyList<WorkChart> Works { get; private set; } = [];
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>Where a date falls across the chart, as a percentage of its width.</summary>
    public string Percent(DateOnly day) =>
        (100.0 * (day.DayNumber - From.DayNumber) / Math.Max(1, To.DayNumber - From.DayNumber + 1)).ToString("0.###", CultureInfo.InvariantCulture);

    public string Width(DateOnly start, DateOnly end) =>
        (100.0 * (end.DayNumber - start.DayNumber + 1) / Math.Max(1, To.DayNumber - From.DayNumber + 1)).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The first day of each year (or each quarter on a short chart) inside the span, for the axis.</summary>
    public IEnumerable<DateOnly> Ticks()
    {
        var quarterly = To.DayNumber - From.DayNumber < 3 * 366;
        var day = new DateOnly(From.Year, 1, 1);
        while (day <= To)
        {
            if (day >= From)
            {
                yield return day;
            }
            day = quarterly ? day.AddMonths(3) : day.AddYears(1);
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!session.Actor.Has(Permissions.LicensingRead))
        {
            return Forbid();
        }
        Today = LicensingClock.Today(time);
        var titles = (await works.ListAsync(session.Actor, cancellationToken)).ToDictionary(w => w.Id, w => w.Title);
        var granted = (await licenses.ListAsync(session.Actor, cancellationToken)).Where(l => l.LicensorOrganizationId == session.Actor.OrganizationId).ToList();
        From = granted.Count == 0 ? Today : new[] { Today, granted.Min(l => l.Start) }.Min();
        To = granted.Count == 0 ? Today.AddYears(1) : new[] { Today.AddMonths(1), granted.Max(l => l.End) }.Max();
        Works = granted.GroupBy(l => l.WorkId).Select(g => new WorkChart(titles.GetValueOrDefault(g.Key, g.Key.ToString()),
            g.SelectMany(l =>
            {
                var terms = LicenseTerms.FromJson(l.TermsJson);
                var territory = Territories.Describe(terms.TerritoryCodes());
                var bar = new Bar(l.Code, l.Exclusivity, l.State == LicenseState.Pending, l.Start, l.End);
                return Enum.GetValues<LicenseRight>().Where(r => r != LicenseRight.None && terms.Rights.HasFlag(r)).Select(r => (Right: r, territory, bar));
            })
            .GroupBy(x => (x.Right, x.territory))
            .OrderBy(x => x.Key.Right).ThenBy(x => x.Key.territory.En, StringComparer.Ordinal)
            .Select(x =>
            {
                var right = LicenseText.Right(x.Key.Right);
                return new Lane(right.Zh, right.En, x.Key.territory.Zh, x.Key.territory.En, x.Select(y => y.bar).OrderBy(b => b.Start).ToList());
            }).ToList())).OrderBy(w => w.Title, StringComparer.Ordinal).ToList();
        return Page();
    }
}
