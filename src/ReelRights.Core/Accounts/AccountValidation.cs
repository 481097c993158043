using System.Net.Mail;

namespace ReelRights.Core.Accounts;

internal static class AccountValidation
{
    public static string Name(string? value, string field, int max = 200)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > max || trimmed.Any(char.IsControl))
        {
            throw ReelRightsException.Invalid("invalid-" + field,
                $"{FieldZh(field)}不能为空，且不超过 {max} 个字符。",
                $"The {field} must be 1–{max} characters without control characters.");
        }
        return trimmed;
    }

    public static string Email(string? value)
    {
        var trimmed = value?.Trim().ToLowerInvariant() ?? "";
        if (trimmed.Length is 0 or > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            throw ReelRightsException.Invalid("invalid-email", "邮箱地址格式不正确。", "The email address is not valid.");
        }
        return trimmed;
    }

    public static void Password(string? value, int minLength)
    {
        if (value is null || value.Length < minLength || value.Length > 1024)
        {
            throw ReelRightsException.Invalid("weak-password",
                $"密码至少需要 {minLength} 个字符。", $"The password must be at least {minLength} characters long.");
        }
    }

    private static string FieldZh(string field) => field switch
    {
        "name" => "名称",
        "display-name" => "显示名称",
        _ => field,
    };
}
