using System.Globalization;
using System.Net;
using System.Text;

namespace ReelRights.Core.Finance;

/// <summary>
/// The report's charts as inline SVG drawn on the server (no script, no external resource), so the
/// page, the PDF and an archived copy all show the same picture: monthly income with the fitted decay
/// and its projection, and new pirated copies per week by platform.
/// </summary>
public static class ValuationCharts
{
    private const int Width = 680;
    private const int Height = 220;
    private const int Left = 64;
    private const int Bottom = 28;
    private const int Top = 14;
    private static readonly string[] Palette = ["#c0392b", "#2471a3", "#d68910", "#7d3c98", "#17a589", "#7f8c8d"];

    /// <summary>Bars of confirmed monthly income, the fitted curve through them, and the projected months dashed.</summary>
    public static string Income(IncomeDetail detail, string currency)
    {
        if (detail.History.Count == 0)
        {
            return Empty("暂无已确认的结算单", "No confirmed statements yet");
        }
        var months = detail.History.Count + detail.Projection.Count;
        var max = Math.Max(detail.History.Max(), detail.Projection.Select(p => (double)p.CentralMinor).DefaultIfEmpty(0).Max());
        if (detail.Fit is { } fit)
        {
            max = Math.Max(max, fit.A);
        }
        max = max <= 0 ? 1 : max * 1.1;
        var step = (double)(Width - Left - 8) / months;
        double X(double t) => Left + step * (t + 0.5);
        double Y(double minor) => Top + (Height - Top - Bottom) * (1 - minor / max);
        var s = Open("income-chart", "月度许可分成与拟合衰减 Monthly licence income and fitted decay");
        Axis(s, max, currency);
        for (var t = 0; t < detail.History.Count; t++)
        {
            var y = Y(detail.History[t]);
            s.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{F(X(t) - step * 0.35)}\" y=\"{F(y)}\" width=\"{F(step * 0.7)}\" height=\"{F(Height - Bottom - y)}\" fill=\"#2471a3\"><title>{E(detail.HistoryPeriods[t])}: {E(Ledger(detail.History[t], currency))}</title></rect>");
        }
        if (detail.Fit is { } f)
        {
            var lambda = f.Lambda;
            var fitted = string.Join(' ', Enumerable.Range(0, detail.History.Count).Select(t => $"{F(X(t))},{F(Y(f.At(t, lambda)))}"));
            s.Append(CultureInfo.InvariantCulture, $"<polyline class=\"fit\" points=\"{fitted}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"/>");
            var projected = string.Join(' ', detail.Projection.Select((p, k) => $"{F(X(detail.History.Count + k))},{F(Y(p.CentralMinor))}"));
            s.Append(CultureInfo.InvariantCulture, $"<polyline class=\"projection\" points=\"{F(X(detail.History.Count - 1))},{F(Y(f.At(detail.History.Count - 1, lambda)))} {projected}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/>");
        }
        Labels(s, detail.HistoryPeriods.Concat(detail.Projection.Select(p => p.Period)).ToList(), X);
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 8}\" y=\"{Top + 4}\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">■ 已确认 confirmed　— 拟合 fitted　- - 预测 projected</text>");
        return s.Append("</svg>").ToString();
    }

    /// <summary>New pirated copies per week, stacked by platform (the five largest, the rest together).</summary>
    public static string Piracy(PiracySignal piracy)
    {
        if (piracy.Copies == 0)
        {
            return Empty("监测未发现盗版副本", "Monitoring found no pirated copies");
        }
        var top = piracy.ByPlatform.Take(5).Select(p => p.Platform).ToList();
        string Group(string platform) => top.Contains(platform) ? platform : "其他 other";
        var groups = top.Concat(piracy.ByPlatform.Count > 5 ? ["其他 other"] : []).ToList();
        var max = Math.Max(1, piracy.Weeks.Max(w => w.Copies)) * 1.15;
        var step = (double)(Width - Left - 8) / piracy.Weeks.Count;
        double X(double t) => Left + step * (t + 0.5);
        double Y(double n) => Top + (Height - Top - Bottom) * (1 - n / max);
        var s = Open("piracy-chart", "每周新发现的盗版副本（按平台）New pirated copies per week, by platform");
        Axis(s, max, null);
        for (var w = 0; w < piracy.Weeks.Count; w++)
        {
            double stacked = 0;
            foreach (var (group, count) in piracy.Weeks[w].ByPlatform.GroupBy(p => Group(p.Platform)).Select(g => (g.Key, g.Sum(p => p.Copies))).OrderBy(g => groups.IndexOf(g.Key)))
            {
                var y0 = Y(stacked);
                var y1 = Y(stacked + count);
                s.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{F(X(w) - step * 0.35)}\" y=\"{F(y1)}\" width=\"{F(step * 0.7)}\" height=\"{F(y0 - y1)}\" fill=\"{Palette[groups.IndexOf(group) % Palette.Length]}\"><title>{E(piracy.Weeks[w].Week)} {E(group)}: {count}</title></rect>");
                stacked += count;
            }
        }
        Labels(s, piracy.Weeks.Select(w => w.Week).ToList(), X);
        for (var i = 0; i < groups.Count; i++)
        {
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left + 6 + i * 110}\" y=\"{Top - 4}\" width=\"9\" height=\"9\" fill=\"{Palette[i % Palette.Length]}\"/><text x=\"{Left + 18 + i * 110}\" y=\"{Top + 4}\" font-size=\"10\" fill=\"#333\">{E(Short(groups[i]))}</text>");
        }
        return s.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title) =>
        new StringBuilder(4096).Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}\"><title>{E(title)}</title>");

    private static void Axis(StringBuilder s, double max, string? currency)
    {
        s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - 8}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = Top + (Height - Top - Bottom) * (1 - (double)i / 4);
            var label = currency is null ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture) : Compact(value / 100);
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Width - 8}\" y2=\"{F(y)}\" stroke=\"#eee\"/><text x=\"{Left - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">{E(label)}</text>");
        }
    }

    private static void Labels(StringBuilder s, IReadOnlyList<string> labels, Func<double, double> x)
    {
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 8.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x(i))}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">{E(labels[i])}</text>");
        }
    }

    private static string Empty(string zh, string en) => $"<p class=\"chart-empty\">{E(zh)} <span class=\"en\">{E(en)}</span></p>";

    private static string Compact(double major) => major switch
    {
        >= 100_000_000 => (major / 100_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "亿",
        >= 10_000 => (major / 10_000).ToString("0.#", CultureInfo.InvariantCulture) + "万",
        _ => major.ToString("0", CultureInfo.InvariantCulture),
    };

    private static string Ledger(double minor, string currency) => Licensing.LicenseText.Amount((long)Math.Round(minor), currency);

    private static string Short(string text) => text.Length > 18 ? text[..17] + "…" : text;

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
