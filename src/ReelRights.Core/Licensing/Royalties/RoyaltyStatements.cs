using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReelRights.Core.Licensing.Royalties;

/// <summary>A statement's canonical content (what both sides confirm) and its CSV export.</summary>
public static class RoyaltyStatements
{
    /// <summary>
    /// The statement's figures and the usage rows it was computed from, as JSON with a fixed key
    /// order: its SHA-256 is what a confirmation names, so a side confirms exactly what it saw.
    /// </summary>
    public static string Canonical(string licenseCode, RoyaltyStatement s, IEnumerable<UsageLine> lines) => JsonSerializer.Serialize(new
    {
        license = licenseCode,
        statement = s.Number,
        period = s.Period,
        currency = s.Currency,
        views = s.Views,
        revenue = Money(s.Revenue),
        share = Money(s.Share),
        cumulativeShare = Money(s.CumulativeShare),
        owedMinor = s.OwedMinor,
        formula = s.FormulaEn,
        usage = lines.Select(l => new
        {
            import = l.ImportId,
            row = l.Row,
            territory = l.Territory,
            platform = l.Platform,
            episode = l.Episode,
            views = l.Views,
            revenue = Decimal(l.Revenue),
            currency = l.Currency,
            fxRate = l.FxRate is { } rate ? Decimal(rate) : null,
        }),
    });

    public static string Sha256(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>The statement as CSV: its figures, then the usage rows, then the payments.</summary>
    public static byte[] Csv(RoyaltyStatementView view)
    {
        var s = view.Statement;
        var csv = new StringBuilder();
        void Pair(string label, string? value) => Core.Csv.Line(csv, [label, value]);
        Pair("结算单 / Statement", s.Number);
        Pair("许可 / License", view.License.Code);
        Pair("作品 / Work", view.WorkTitle);
        Pair("许可方 / Licensor", view.LicensorName);
        Pair("被许可方 / Licensee", view.LicenseeName);
        Pair("期间 / Period", s.Period);
        Pair("币种 / Currency", s.Currency);
        Pair("播放量 / Views", Number(s.Views));
        Pair("收入 / Revenue", Money(s.Revenue));
        Pair("本期分成 / Share", Money(s.Share));
        Pair("累计分成 / Cumulative share", Money(s.CumulativeShare));
        Pair("应付 / Owed", Money(s.OwedMinor / 100m));
        Pair("已付 / Paid", Money(view.PaidMinor / 100m));
        Pair("计算方法 / Formula", s.FormulaZh + " / " + s.FormulaEn);
        Pair("内容 SHA-256 / Content SHA-256", s.ContentSha256);
        Pair("许可方确认 / Licensor confirmed", s.LicensorConfirmedAt is { } a ? Time(a) : null);
        Pair("被许可方确认 / Licensee confirmed", s.LicenseeConfirmedAt is { } b ? Time(b) : null);
        csv.Append("\r\n");
        // Every number here is zero or more, so no cell starts with a sign a spreadsheet would read as a formula.
        Core.Csv.Line(csv, ["period", "territory", "platform", "episode", "views", "revenue", "currency", "fx_rate", "revenue_in_license_currency"]);
        foreach (var l in view.Lines)
        {
            Core.Csv.Line(csv, [l.Period, l.Territory, l.Platform, l.Episode is { } e ? Number(e) : null, Number(l.Views), Decimal(l.Revenue),
                l.Currency, l.FxRate is { } r ? Decimal(r) : null, Decimal(l.RevenueInLicenseCurrency)]);
        }
        if (view.Payments.Count > 0)
        {
            csv.Append("\r\n");
            Core.Csv.Line(csv, ["paid_on", "amount", "reference", "recorded_at"]);
            foreach (var p in view.Payments)
            {
                Core.Csv.Line(csv, [p.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Money(p.AmountMinor / 100m), p.Reference, Time(p.At)]);
            }
        }
        return Core.Csv.ToFile(csv);
    }

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Without trailing zeros, so a value reads the same whichever database stored it (SQLite keeps "100.0", PostgreSQL "100").</summary>
    private static string Decimal(decimal d) => d.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
