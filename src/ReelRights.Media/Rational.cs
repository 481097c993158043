using System.Globalization;

namespace ReelRights.Media;

/// <summary>
/// An exact ratio such as a frame rate (30000/1001), kept as ffmpeg reports it so NTSC rates are
/// not rounded. ffprobe writes "0/0" for "unknown"; <see cref="IsValid"/> is false for it.
/// </summary>
/// <param name="Numerator">Numerator, e.g. 30000.</param>
/// <param name="Denominator">Denominator, e.g. 1001.</param>
public readonly record struct Rational(long Numerator, long Denominator)
{
    /// <summary>True when both parts are positive, i.e. the value is a usable rate.</summary>
    public bool IsValid => Numerator > 0 && Denominator > 0;

    /// <summary>The value as a double; NaN when the denominator is zero.</summary>
    public double ToDouble() => Denominator == 0 ? double.NaN : (double)Numerator / Denominator;

    /// <summary>Formats as "numerator/denominator", the syntax ffmpeg options and filters accept.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    /// <summary>Parses "n/d" or a plain integer "n" (meaning n/1); null when malformed.</summary>
    /// <param name="text">Text such as "30000/1001".</param>
    /// <returns>The ratio, or null.</returns>
    public static Rational? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var numberStyle = NumberStyles.AllowLeadingSign;
        if (slash < 0)
        {
            return long.TryParse(text, numberStyle, CultureInfo.InvariantCulture, out var whole)
                ? new Rational(whole, 1)
                : null;
        }

        return long.TryParse(text.AsSpan(0, slash), numberStyle, CultureInfo.InvariantCulture, out var n)
            && long.TryParse(text.AsSpan(slash + 1), numberStyle, CultureInfo.InvariantCulture, out var d)
            ? new Rational(n, d)
            : null;
    }
}
