using System.Globalization;
using ReelRights.Core.Licensing;

namespace ReelRights.Server.Pages.Trading;

/// <summary>A grant's terms as labelled rows (zh, en), the same rows for every version of a deal so the deal room can set them side by side and mark what changed.</summary>
public static class TermsRows
{
    public sealed record Row(string Key, string LabelZh, string LabelEn, string ValueZh, string ValueEn);

    public static IReadOnlyList<Row> Of(LicenseTerms t)
    {
        var rights = LicenseText.Rights(t.Rights);
        var territory = Territories.Describe(t.TerritoryCodes());
        var exclusivity = LicenseText.Exclusivity(t.Exclusivity);
        var price = LicenseText.Price(t.Price);
        static string List(IReadOnlyList<string> items, string none) => items.Count == 0 ? none : string.Join(", ", items);
        var episodes = t.Episodes is { } e ? string.Join(", ", e) : null;
        return
        [
            new("rights", "权利", "Rights", rights.Zh, rights.En),
            new("territory", "地区", "Territory", territory.Zh, territory.En),
            new("platforms", "平台", "Platforms", List(t.Platforms, "不限"), List(t.Platforms, "any")),
            new("languages", "语言", "Languages", List(t.Languages, "不限"), List(t.Languages, "any")),
            new("episodes", "分集", "Episodes", episodes ?? "全部", episodes ?? "all"),
            new("term", "期限", "Term", Term(t), Term(t)),
            new("exclusivity", "独占性", "Exclusivity", exclusivity.Zh, exclusivity.En),
            new("price", "价格", "Price", price.Zh, price.En),
        ];
    }

    public static string Term(LicenseTerms t) => LicenseText.Term(t);
}
