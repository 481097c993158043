using System.Globalization;
using System.Text;
using QRCoder;

namespace ReelRights.Core.Certificates;

/// <summary>
/// The verification QR code as inline SVG. It is drawn from QRCoder's module matrix instead of one
/// of its renderers so the markup is ours and stable across package updates: one path of
/// horizontal runs in a viewBox of whole modules, which prints crisp at any size and refers to
/// nothing outside the page. Error correction level M (ISO/IEC 18004:2015 §7.5.1, about 15 % of
/// codewords recoverable) survives a creased or smudged printout while a URL stays a small symbol.
/// </summary>
internal static class CertificateQr
{
    public static string Svg(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // The matrix already includes the 4-module quiet zone (§6.3.8) on every side.
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            var x = 0;
            while (x < size)
            {
                if (!row[x])
                {
                    x++;
                    continue;
                }

                var start = x;
                while (x < size && row[x])
                {
                    x++;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start}v1h-{x - start}z");
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>");
    }
}
