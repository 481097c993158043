using ReelRights.Core.Licensing;

namespace ReelRights.Server.Api.Licensing;

/// <summary>
/// License terms on the wire: <c>rights</c> as a list (streaming, broadcast, adaptation,
/// translation, dubbing, subtitles, clips), territories as ISO 3166 codes or group names,
/// inclusive dates, amounts in minor units.
/// </summary>
public sealed record TermsDto(
    IReadOnlyList<LicenseRight> Rights,
    IReadOnlyList<string> Territories,
    DateOnly Start,
    DateOnly End,
    Exclusivity Exclusivity,
    PriceDto Price,
    IReadOnlyList<string>? ExceptTerritories = null,
    IReadOnlyList<string>? Platforms = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<int>? Episodes = null)
{
    public LicenseTerms ToTerms() => new()
    {
        Rights = (Rights ?? []).Aggregate(LicenseRight.None, (all, r) => all | r),
        Territories = Territories ?? [],
        ExceptTerritories = ExceptTerritories ?? [],
        Platforms = Platforms ?? [],
        Languages = Languages ?? [],
        Episodes = Episodes,
        Start = Start,
        End = End,
        Exclusivity = Exclusivity,
        Price = Price is null ? null! : new LicensePrice(Price.Model, Price.Currency, Price.FlatFeeMinor, Price.SharePercent, Price.MinimumGuaranteeMinor),
    };

    public static TermsDto From(LicenseTerms t) => new(
        Enum.GetValues<LicenseRight>().Where(r => r != LicenseRight.None && t.Rights.HasFlag(r)).ToList(),
        t.Territories, t.Start, t.End, t.Exclusivity,
        new PriceDto(t.Price.Model, t.Price.Currency, t.Price.FlatFeeMinor, t.Price.SharePercent, t.Price.MinimumGuaranteeMinor),
        t.ExceptTerritories, t.Platforms, t.Languages, t.Episodes);
}

public sealed record PriceDto(PriceModel Model, string Currency, long? FlatFeeMinor = null, decimal? SharePercent = null, long? MinimumGuaranteeMinor = null);
