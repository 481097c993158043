using System.Collections.Frozen;

namespace ReelRights.Core.Licensing;

/// <summary>
/// Territories as ISO 3166-1 alpha-2 codes (the 249 officially assigned codes) and a few named
/// groups a rights holder writes in a deal ("worldwide", "southeast-asia" — the eleven ASEAN
/// members, Timor-Leste included since October 2025 —, "eu", "greater-china", "north-america").
/// A grant names what it includes and what it leaves out ("worldwide except mainland China" is
/// <c>worldwide</c> except <c>CN</c>); comparing grants works on the expanded set of codes.
/// </summary>
public static class Territories
{
    public const string Worldwide = "worldwide";

    /// <summary>ISO 3166-1 alpha-2, officially assigned codes.</summary>
    public static readonly FrozenSet<string> Codes = (
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
        + "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
        + "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP "
        + "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT "
        + "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
        + "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ "
        + "UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Named groups and the codes each stands for, with their names.</summary>
    public static readonly FrozenDictionary<string, (string Zh, string En, FrozenSet<string> Codes)> Groups =
        new Dictionary<string, (string, string, FrozenSet<string>)>(StringComparer.Ordinal)
        {
            [Worldwide] = ("全球", "worldwide", Codes),
            ["southeast-asia"] = ("东南亚", "Southeast Asia", Set("BN KH ID LA MY MM PH SG TH VN TL")),
            ["eu"] = ("欧盟", "European Union", Set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE")),
            ["greater-china"] = ("中国内地及港澳台", "mainland China, Hong Kong, Macao and Taiwan", Set("CN HK MO TW")),
            ["north-america"] = ("北美", "North America", Set("US CA")),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The codes a list of codes and group names stands for, minus <paramref name="except"/>; an unknown name is a clear error.</summary>
    public static IReadOnlySet<string> Expand(IEnumerable<string> include, IEnumerable<string>? except = null)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in include)
        {
            result.UnionWith(Resolve(name));
        }
        foreach (var name in except ?? [])
        {
            result.ExceptWith(Resolve(name));
        }
        return result;
    }

    /// <summary>A code (any case) or a group name, normalized: codes upper case, groups lower case.</summary>
    public static string Normalize(string name)
    {
        var trimmed = (name ?? "").Trim();
        if (Codes.Contains(trimmed.ToUpperInvariant()))
        {
            return trimmed.ToUpperInvariant();
        }
        if (Groups.ContainsKey(trimmed.ToLowerInvariant()))
        {
            return trimmed.ToLowerInvariant();
        }
        throw ReelRightsException.Invalid("unknown-territory",
            $"未知的地区：{trimmed}。请使用 ISO 3166 两位代码（如 TH、VN）或 {string.Join("、", Groups.Keys)}。",
            $"Unknown territory: {trimmed}. Use ISO 3166 two-letter codes (e.g. TH, VN) or one of {string.Join(", ", Groups.Keys)}.");
    }

    /// <summary>A set of codes as a person reads it: "worldwide", a group's name, or the codes.</summary>
    public static (string Zh, string En) Describe(IReadOnlySet<string> codes)
    {
        foreach (var (_, group) in Groups)
        {
            if (codes.SetEquals(group.Codes))
            {
                return (group.Zh, group.En);
            }
        }
        if (codes.Count > Codes.Count / 2)
        {
            var missing = string.Join(", ", Codes.Except(codes).Order(StringComparer.Ordinal));
            return ($"全球（{missing} 除外）", $"worldwide except {missing}");
        }
        var listed = string.Join(", ", codes.Order(StringComparer.Ordinal));
        return (listed, listed);
    }

    private static IEnumerable<string> Resolve(string name)
    {
        var normalized = Normalize(name);
        return Groups.TryGetValue(normalized, out var group) ? group.Codes : [normalized];
    }

    private static FrozenSet<string> Set(string codes) => codes.Split(' ').ToFrozenSet(StringComparer.Ordinal);
}
