using System.Globalization;
using ReelRights.Core;
using ReelRights.Core.Licensing;

namespace ReelRights.Server.Pages.Trading;

/// <summary>
/// The terms as a form posts them (the listing editor, a counter-offer): rights ticked, territories
/// and lists comma separated, amounts in major units (yuan, dollars). <see cref="ToTerms"/> gives
/// the terms, or a clear error naming the field.
/// </summary>
public sealed class TermsForm
{
    public List<LicenseRight> Rights { get; set; } = [];
    public string? Territories { get; set; }
    public string? Except { get; set; }
    public string? Platforms { get; set; }
    public string? Languages { get; set; }
    public string? Episodes { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    public Exclusivity Exclusivity { get; set; } = Exclusivity.NonExclusive;
    public PriceModel Model { get; set; } = PriceModel.FlatFee;
    public string Currency { get; set; } = "CNY";
    public decimal? Amount { get; set; }
    public decimal? SharePercent { get; set; }

    /// <summary>What a settlement's license form starts from: non-exclusive streaming in mainland China for a year from today, a 30 % share.</summary>
    public static TermsForm SettlementDefault(DateOnly today) => new()
    {
        Rights = [LicenseRight.Streaming],
        Territories = "CN",
        Start = today,
        End = today.AddYears(1).AddDays(-1),
        Model = PriceModel.RevenueShare,
        SharePercent = 30,
    };

    public static TermsForm From(LicenseTerms t) => new()
    {
        Rights = Enum.GetValues<LicenseRight>().Where(r => r != LicenseRight.None && t.Rights.HasFlag(r)).ToList(),
        Territories = string.Join(", ", t.Territories),
        Except = string.Join(", ", t.ExceptTerritories),
        Platforms = string.Join(", ", t.Platforms),
        Languages = string.Join(", ", t.Languages),
        Episodes = t.Episodes is { } e ? string.Join(", ", e) : null,
        Start = t.Start,
        End = t.End,
        Exclusivity = t.Exclusivity,
        Model = t.Price.Model,
        Currency = t.Price.Currency,
        Amount = (t.Price.FlatFeeMinor ?? t.Price.MinimumGuaranteeMinor) is { } minor ? minor / 100m : null,
        SharePercent = t.Price.SharePercent,
    };

    public LicenseTerms ToTerms()
    {
        static IReadOnlyList<string> Split(string? text) => (text ?? "").Split([',', '，', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        List<int>? episodes = null;
        if (!string.IsNullOrWhiteSpace(Episodes))
        {
            episodes = [];
            foreach (var part in Split(Episodes))
            {
                var range = part.Split('-', 2);
                if (!int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                    || !int.TryParse(range[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from || to - from > 10_000)
                {
                    throw ReelRightsException.Invalid("invalid-episodes", $"分集写作 1, 2, 5-8：{part}。", $"Write episodes as 1, 2, 5-8: {part}.");
                }
                episodes.AddRange(Enumerable.Range(from, to - from + 1));
            }
        }
        long? Minor(decimal? amount) => amount is { } a ? decimal.ToInt64(Math.Round(a * 100m, 0, MidpointRounding.AwayFromZero)) : null;
        var price = Model switch
        {
            PriceModel.FlatFee => new LicensePrice(Model, Currency, FlatFeeMinor: Minor(Amount)),
            PriceModel.RevenueShare => new LicensePrice(Model, Currency, SharePercent: SharePercent),
            _ => new LicensePrice(Model, Currency, SharePercent: SharePercent, MinimumGuaranteeMinor: Minor(Amount)),
        };
        return new LicenseTerms
        {
            Rights = Rights.Aggregate(LicenseRight.None, (a, r) => a | r),
            Territories = Split(Territories),
            ExceptTerritories = Split(Except),
            Platforms = Split(Platforms),
            Languages = Split(Languages),
            Episodes = episodes,
            Start = Start ?? throw ReelRightsException.Invalid("invalid-term", "请填写开始日期。", "Give the start date."),
            End = End ?? throw ReelRightsException.Invalid("invalid-term", "请填写结束日期。", "Give the end date."),
            Exclusivity = Exclusivity,
            Price = price,
        }.Validate();
    }
}
