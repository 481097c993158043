using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ReelRights.Core.Licensing;

/// <summary>
/// What a grant covers: rights, territories (included, minus excepted), platforms, languages,
/// episodes, term (inclusive dates, China time) and exclusivity, with the price. An empty list of
/// platforms or languages, or no episode list, means "any". These are the terms an offer proposes,
/// a contract states and a license holds, and the terms two grants are compared on
/// (<see cref="GrantOverlap"/>).
/// </summary>
public sealed partial record LicenseTerms
{
    public required LicenseRight Rights { get; init; }
    public required IReadOnlyList<string> Territories { get; init; }
    public IReadOnlyList<string> ExceptTerritories { get; init; } = [];
    public IReadOnlyList<string> Platforms { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>Episode numbers; null covers every episode of the work.</summary>
    public IReadOnlyList<int>? Episodes { get; init; }
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
    public required Exclusivity Exclusivity { get; init; }
    public required LicensePrice Price { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The terms checked and normalized (codes upper case, lists sorted and distinct), or a clear error naming the field.</summary>
    public LicenseTerms Validate()
    {
        if (Rights == LicenseRight.None || (Rights & ~AllRights) != 0)
        {
            throw ReelRightsException.Invalid("invalid-rights", "请至少选择一项权利。", "Choose at least one right.");
        }
        if (Territories is not { Count: > 0 })
        {
            throw ReelRightsException.Invalid("invalid-territory", "请至少选择一个地区。", "Choose at least one territory.");
        }
        var include = Territories.Select(Licensing.Territories.Normalize).Distinct().Order(StringComparer.Ordinal).ToList();
        var except = (ExceptTerritories ?? []).Select(Licensing.Territories.Normalize).Distinct().Order(StringComparer.Ordinal).ToList();
        if (Licensing.Territories.Expand(include, except).Count == 0)
        {
            throw ReelRightsException.Invalid("invalid-territory", "除外地区覆盖了全部地区，许可范围为空。", "The excepted territories leave nothing to license.");
        }
        if (End < Start)
        {
            throw ReelRightsException.Invalid("invalid-term", "许可期限的结束日期早于开始日期。", "The term ends before it starts.");
        }
        if (End > Start.AddYears(99))
        {
            throw ReelRightsException.Invalid("invalid-term", "许可期限不能超过 99 年。", "A term cannot exceed 99 years.");
        }
        var platforms = (Platforms ?? []).Select(p => Validation.OptionalText(p, 200, "platforms")).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var languages = (Languages ?? []).Select(l => (l ?? "").Trim()).Select(l => LanguageTag().IsMatch(l) ? l.ToLowerInvariant() : throw
            ReelRightsException.Invalid("invalid-language", $"语言应为 BCP 47 标签，如 th、vi、en：{l}。", $"Languages are BCP 47 tags such as th, vi, en: {l}.")).Distinct().Order(StringComparer.Ordinal).ToList();
        List<int>? episodes = null;
        if (Episodes is { } list)
        {
            if (list.Count == 0 || list.Any(e => e is < 1 or > 100_000))
            {
                throw ReelRightsException.Invalid("invalid-episodes", "分集编号应为 1 起的整数；覆盖全部分集时不填。", "Episode numbers start at 1; leave the list out to cover every episode.");
            }
            episodes = list.Distinct().Order().ToList();
        }
        return this with
        {
            Territories = include,
            ExceptTerritories = except,
            Platforms = platforms,
            Languages = languages,
            Episodes = episodes,
            Price = (Price ?? throw ReelRightsException.Invalid("invalid-price", "请给出价格。", "Give the price.")).Validate(),
        };
    }

    /// <summary>The territories as codes.</summary>
    public IReadOnlySet<string> TerritoryCodes() => Licensing.Territories.Expand(Territories, ExceptTerritories);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static LicenseTerms FromJson(string json) => JsonSerializer.Deserialize<LicenseTerms>(json, Json) ?? throw new JsonException("empty terms");

    public const LicenseRight AllRights = LicenseRight.Streaming | LicenseRight.Broadcast | LicenseRight.Adaptation | LicenseRight.Translation
        | LicenseRight.Dubbing | LicenseRight.Subtitles | LicenseRight.Clips;

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
