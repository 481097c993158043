namespace ReelRights.Core;

/// <summary>Checks on free-text and digest input shared by the services.</summary>
internal static class Validation
{
    public static string Text(string? value, string field, int max)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > max || trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            throw ReelRightsException.Invalid("invalid-" + field,
                $"字段 {field} 不能为空，且不超过 {max} 个字符。", $"The {field} must be 1–{max} characters.");
        }
        return trimmed;
    }

    /// <summary>Null for an absent or blank value, else the checked text.</summary>
    public static string? OptionalText(string? value, int max, string field) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, max);

    /// <summary>An ISO 4217 code, upper-cased; invalid-currency otherwise.</summary>
    public static string Currency(string? value)
    {
        var currency = (value ?? "").Trim().ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw ReelRightsException.Invalid("invalid-currency", "币种应为 ISO 4217 三位字母代码，如 CNY、USD。", "The currency must be an ISO 4217 code such as CNY or USD.");
        }
        return currency;
    }

    public static string HexDigest(string? value, string field)
    {
        var lower = value?.Trim().ToLowerInvariant() ?? "";
        if (lower.Length != 64 || !lower.All(char.IsAsciiHexDigitLower))
        {
            throw ReelRightsException.Invalid("invalid-" + field,
                $"{field} 必须是 64 位十六进制摘要。", $"The {field} must be a 64-digit hex digest.");
        }
        return lower;
    }
}
