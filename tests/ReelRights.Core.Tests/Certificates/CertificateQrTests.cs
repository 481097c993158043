using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ReelRights.Core.Certificates;

namespace ReelRights.Core.Tests.Certificates;

/// <summary>
/// Reads the QR symbol back out of the SVG and checks its structure against ISO/IEC 18004:2015,
/// independently of QRCoder: size for a version, finder and timing patterns, the dark module, and
/// the format information (both copies, BCH-valid, error correction level M).
/// </summary>
public sealed partial class CertificateQrTests
{
    private const int QuietZone = 4;

    [Fact]
    public void Svg_SameUrlTwice_IsIdentical_AndAnotherUrlDiffers()
    {
        var first = CertificateQr.Svg(CertificateSamples.VerificationUrl);
        var again = CertificateQr.Svg(CertificateSamples.VerificationUrl);
        var other = CertificateQr.Svg(CertificateSamples.VerificationUrl + "0");

        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Theory]
    [InlineData(CertificateSamples.VerificationUrl)]
    [InlineData("https://reelrights.example.cn/verify/RRC-2026-000123?leaf=123456&hash=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Svg_VerificationUrl_IsAWellFormedQrSymbolAtLevelM(string url)
    {
        var svg = CertificateQr.Svg(url);

        XDocument.Parse(svg).Root!.Name.LocalName.ShouldBe("svg");
        svg.ShouldNotContain("href");
        var (size, dark) = ReadModules(svg);
        var n = size - 2 * QuietZone;
        ((n - 17) % 4).ShouldBe(0, $"{n} modules is not 17 + 4 × version");
        var version = (n - 17) / 4;
        version.ShouldBeInRange(1, 40);
        bool M(int row, int col) => dark[row + QuietZone, col + QuietZone];
        for (var i = 0; i < size; i++)
        {
            // §6.3.8: the quiet zone is light.
            (dark[0, i] || dark[size - 1, i] || dark[i, 0] || dark[i, size - 1]).ShouldBeFalse();
        }

        // §6.3.3: finder patterns in three corners, each with a light separator (§6.3.4).
        foreach (var (top, left) in new[] { (0, 0), (0, n - 7), (n - 7, 0) })
        {
            for (var r = -1; r <= 7; r++)
            {
                for (var c = -1; c <= 7; c++)
                {
                    var (row, col) = (top + r, left + c);
                    if (row < 0 || col < 0 || row >= n || col >= n)
                    {
                        continue;
                    }

                    var ring = Math.Max(Math.Abs(r - 3), Math.Abs(c - 3));
                    M(row, col).ShouldBe(ring is 3 or <= 1, $"finder at ({top},{left}) module ({r},{c})");
                }
            }
        }

        // §6.3.5: timing patterns alternate, dark on even positions.
        for (var i = 8; i < n - 8; i++)
        {
            M(6, i).ShouldBe(i % 2 == 0);
            M(i, 6).ShouldBe(i % 2 == 0);
        }

        // §7.9.1: the dark module beside the bottom-left finder.
        M(n - 8, 8).ShouldBeTrue();
        var nearTopLeft = ReadBits(M, [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]);
        var split = ReadBits(M, [.. Enumerable.Range(0, 7).Select(i => (n - 1 - i, 8)), .. Enumerable.Range(0, 8).Select(i => (8, n - 8 + i))]);
        split.ShouldBe(nearTopLeft);
        var format = nearTopLeft ^ 0x5412;
        var data = format >> 10;
        (data << 10 | BchRemainder(data)).ShouldBe(format, "format information fails its BCH (15,5) check");
        (data >> 3).ShouldBe(0b00, "error correction level bits: 00 is M (§7.9.1, Table 12)");
    }

    private static (int Size, bool[,] Dark) ReadModules(string svg)
    {
        var viewBox = ViewBoxRegex().Match(svg);
        viewBox.Success.ShouldBeTrue();
        var size = int.Parse(viewBox.Groups[1].Value, CultureInfo.InvariantCulture);
        viewBox.Groups[2].Value.ShouldBe(viewBox.Groups[1].Value);
        var dark = new bool[size, size];
        foreach (Match run in RunRegex().Matches(svg))
        {
            var x = int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture);
            var length = int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture);
            for (var i = 0; i < length; i++)
            {
                dark[y, x + i] = true;
            }
        }

        return (size, dark);
    }

    private static int ReadBits(Func<int, int, bool> module, (int Row, int Col)[] positions) =>
        positions.Aggregate(0, (bits, p) => bits << 1 | (module(p.Row, p.Col) ? 1 : 0));

    /// <summary>Remainder of data·x¹⁰ divided by the generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1 (ISO/IEC 18004 Annex C).</summary>
    private static int BchRemainder(int data)
    {
        var value = data << 10;
        for (var bit = 14; bit >= 10; bit--)
        {
            if ((value & (1 << bit)) != 0)
            {
                value ^= 0x537 << (bit - 10);
            }
        }

        return value;
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) (\\d+)\"")]
    private static partial Regex ViewBoxRegex();

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\3z")]
    private static partial Regex RunRegex();
}
