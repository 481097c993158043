namespace ReelRights.Core.Licensing;

public enum PriceModel
{
    /// <summary>一次性许可费: one fee for the whole term.</summary>
    FlatFee,
    /// <summary>分成: a share of the licensee's revenue.</summary>
    RevenueShare,
    /// <summary>保底加分成: a minimum guarantee, recouped from the share.</summary>
    MinimumGuaranteePlusShare,
}

/// <summary>
/// What the licensee pays: amounts in minor units of an ISO 4217 currency (fen for CNY), the share
/// as a percentage with up to two decimals. Which fields a model needs is checked by <see cref="Validate"/>.
/// </summary>
public sealed record LicensePrice(PriceModel Model, string Currency, long? FlatFeeMinor = null, decimal? SharePercent = null, long? MinimumGuaranteeMinor = null)
{
    public LicensePrice Validate()
    {
        var currency = Validation.Currency(Currency);
        static ReelRightsException Missing(string zh, string en) => ReelRightsException.Invalid("invalid-price", zh, en);
        switch (Model)
        {
            case PriceModel.FlatFee when FlatFeeMinor is not > 0 || SharePercent is not null || MinimumGuaranteeMinor is not null:
                throw Missing("一次性许可费须给出大于 0 的金额，且不含分成或保底。", "A flat fee needs an amount above 0 and no share or minimum guarantee.");
            case PriceModel.RevenueShare when SharePercent is not (> 0 and <= 100) || FlatFeeMinor is not null || MinimumGuaranteeMinor is not null:
                throw Missing("分成须给出 0 到 100 之间的比例，且不含固定费用或保底。", "A revenue share needs a percentage between 0 and 100 and no fee or minimum guarantee.");
            case PriceModel.MinimumGuaranteePlusShare when SharePercent is not (> 0 and <= 100) || MinimumGuaranteeMinor is not > 0 || FlatFeeMinor is not null:
                throw Missing("保底加分成须给出大于 0 的保底金额与 0 到 100 之间的比例。", "A minimum guarantee plus share needs a guarantee above 0 and a percentage between 0 and 100.");
        }
        if (SharePercent is { } share && decimal.Round(share, 2) != share)
        {
            throw Missing("分成比例最多两位小数。", "The share has at most two decimals.");
        }
        return this with { Currency = currency };
    }
}
