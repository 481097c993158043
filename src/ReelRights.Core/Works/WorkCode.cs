using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ReelRights.Core.Works;

/// <summary>
/// Work and episode codes, in the spirit of the DCI code: a fixed prefix, the registration year, a
/// two-letter work type, a random serial, and a check character computed with the ISO/IEC 7064
/// MOD 37,36 hybrid system (the one ISAN uses), which catches every single-character error and
/// every swap of adjacent characters. Episodes append <c>E</c> + a 3-digit number + their own
/// check character over the whole code.
/// <para>Work: <c>RR-2026-MD-7K3F9Q2X-C</c> · episode: <c>RR-2026-MD-7K3F9Q2X-C-E001-Q</c>.</para>
/// </summary>
public static partial class WorkCode
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    // No 0/O/1/I in serials, so a code read aloud or from a printed certificate is unambiguous.
    private const string SerialAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const int SerialLength = 8;

    /// <summary>Two-letter codes of the work types.</summary>
    public static string TypeCode(WorkType type) => type switch
    {
        WorkType.MicroDrama => "MD",
        WorkType.ShortVideo => "SV",
        WorkType.Music => "MU",
        WorkType.Audiobook => "AB",
        WorkType.Voice => "VO",
        WorkType.Image => "IM",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string NewWorkCode(int year, WorkType type)
    {
        var serial = new char[SerialLength];
        for (var i = 0; i < serial.Length; i++)
        {
            serial[i] = SerialAlphabet[RandomNumberGenerator.GetInt32(SerialAlphabet.Length)];
        }
        var body = $"RR-{year.ToString("D4", CultureInfo.InvariantCulture)}-{TypeCode(type)}-{new string(serial)}";
        return body + "-" + CheckCharacter(body);
    }

    public static string EpisodeCode(string workCode, int episodeNumber)
    {
        if (!IsValidWorkCode(workCode))
        {
            throw new ArgumentException("Not a valid work code.", nameof(workCode));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(episodeNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(episodeNumber, 999);
        var body = $"{workCode}-E{episodeNumber.ToString("D3", CultureInfo.InvariantCulture)}";
        return body + "-" + CheckCharacter(body);
    }

    public static bool IsValidWorkCode(string? code) =>
        code is not null && WorkPattern().IsMatch(code) && CheckCharacter(code[..^2]) == code[^1];

    public static bool IsValidEpisodeCode(string? code) =>
        code is not null && EpisodePattern().IsMatch(code) && IsValidWorkCode(code[..^7]) && CheckCharacter(code[..^2]) == code[^1];

    /// <summary>ISO/IEC 7064 MOD 37,36 over the code's letters and digits (hyphens are ignored).</summary>
    public static char CheckCharacter(string body)
    {
        const int m = 36;
        var p = m;
        foreach (var c in body)
        {
            if (c == '-')
            {
                continue;
            }
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{c}' cannot appear in a code.", nameof(body));
            }
            p = (p + value) % m;
            if (p == 0)
            {
                p = m;
            }
            p = p * 2 % (m + 1);
        }
        return Alphabet[(m + 1 - p) % m];
    }

    [GeneratedRegex("^RR-[0-9]{4}-(MD|SV|MU|AB|VO|IM)-[2-9A-HJ-NP-Z]{8}-[0-9A-Z]$")]
    private static partial Regex WorkPattern();

    [GeneratedRegex("^RR-[0-9]{4}-(MD|SV|MU|AB|VO|IM)-[2-9A-HJ-NP-Z]{8}-[0-9A-Z]-E[0-9]{3}-[0-9A-Z]$")]
    private static partial Regex EpisodePattern();
}
