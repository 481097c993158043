namespace ReelRights.Core.Finance;

/// <summary>
/// What the person running a valuation chooses: the currency every amount is in, the annual discount
/// rate, how many months of future income the income approach counts, and the share of observed
/// pirated views assumed to have displaced a licensed view.
/// </summary>
public sealed record ValuationParameters(string Currency = "CNY", decimal DiscountRatePercent = 12, int HorizonMonths = 24, decimal PiracyDisplacementPercent = 20)
{
    /// <summary>The defaults: CNY, 12 % a year, 24 months, 20 %.</summary>
    public static ValuationParameters Default { get; } = new();

    /// <summary>Checks the parameters and normalizes the currency; a clear error for each bad one.</summary>
    public ValuationParameters Validate()
    {
        var currency = Validation.Currency(Currency);
        if (DiscountRatePercent is <= 0 or > 100 || decimal.Round(DiscountRatePercent, 2) != DiscountRatePercent)
        {
            throw ReelRightsException.Invalid("invalid-discount-rate", "年折现率应在 0 到 100 之间（不含 0），最多两位小数。",
                "The annual discount rate is above 0 and at most 100, with at most two decimals.");
        }
        if (HorizonMonths is < 1 or > 120)
        {
            throw ReelRightsException.Invalid("invalid-horizon", "预测期应为 1 到 120 个月。", "The horizon is 1 to 120 months.");
        }
        if (PiracyDisplacementPercent is < 0 or > 100 || decimal.Round(PiracyDisplacementPercent, 2) != PiracyDisplacementPercent)
        {
            throw ReelRightsException.Invalid("invalid-displacement", "盗版替代率应在 0 到 100 之间，最多两位小数。",
                "The piracy displacement rate is between 0 and 100, with at most two decimals.");
        }
        return this with { Currency = currency };
    }
}
