using System.Globalization;
using System.Text;

namespace ReelRights.Core.Certificates;

/// <summary>
/// The certificate's print stylesheet, kept apart from the markup builder so each stays readable.
/// Lengths are in mm/pt because the page is only ever printed (A4). The frame is a border on the
/// @page box itself, so it repeats on every page (a fixed-position element is clipped to the page
/// area instead); a Chromium too old to draw page-box borders prints the same page without it. Fonts are the Noto CJK
/// families of Debian's fonts-noto-cjk, which the server installs; hashes use its monospaced cut
/// and break anywhere, so a 64-digit digest wraps inside its cell instead of running off the page.
/// </summary>
internal static class CertificateStyle
{
    public const string Css = """
        @page { size: A4; margin: 8mm 8mm 11mm; padding: 6mm 7mm; border: 1.6mm double #7a1f1f; }
        @page { @bottom-center { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 7.5pt; color: #4a4a4a; } }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 9.5pt; line-height: 1.45; color: #1b1b1b; }
        .en { color: #4a4a4a; font-size: .86em; }
        header { text-align: center; margin: 1mm 0 3mm; }
        h1 { margin: 0; font-size: 25pt; font-weight: 700; letter-spacing: .45em; padding-left: .45em; color: #7a1f1f; }
        .title-en { font-size: 12pt; letter-spacing: .16em; text-transform: uppercase; color: #7a1f1f; }
        .number { margin-top: 2mm; font-size: 10pt; }
        .statement { margin: 0 0 1mm; text-align: center; }
        .statement .en, .fields th .en, .list th .en, .list td .en, .qr-caption .en { display: block; }
        h2 { margin: 4.5mm 0 1.5mm; padding-bottom: .8mm; font-size: 11pt; color: #7a1f1f; border-bottom: .3mm solid #7a1f1f; break-after: avoid; }
        h2 .en { margin-left: 1.5mm; font-weight: normal; color: #7a1f1f; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        thead { display: table-header-group; }
        tr, tbody.episode, .aigc, footer { break-inside: avoid; }
        td, th { overflow-wrap: anywhere; }
        .work { display: flex; gap: 6mm; align-items: flex-start; }
        .work .fields { flex: 1; }
        .fields tr { border-bottom: .2mm solid #d9d0c5; }
        .fields th { width: 31mm; padding: 1.2mm 2mm 1.2mm 0; text-align: left; vertical-align: top; font-weight: 600; }
        .fields th .en { font-weight: normal; }
        .fields td { padding: 1.2mm 0; vertical-align: top; }
        .qr-box { flex: none; width: 36mm; text-align: center; font-size: 8pt; }
        .qr { display: block; width: 36mm; height: 36mm; }
        .list th { padding: 1mm 1.5mm; text-align: left; vertical-align: bottom; font-weight: 600; background: #f4eee6; border-bottom: .3mm solid #7a1f1f; }
        .list th .en { font-weight: normal; }
        .list td { padding: 1mm 1.5mm; vertical-align: top; }
        .list tbody tr { border-bottom: .2mm solid #d9d0c5; }
        .list tbody.episode tr:first-child { border-bottom: none; }
        .digests td { padding-top: 0; }
        .digests dl { display: grid; grid-template-columns: 31mm 1fr; column-gap: 2mm; margin: 0; font-size: 8pt; }
        .digests dt { color: #4a4a4a; }
        .digests dd { margin: 0; }
        col.c-no { width: 11mm; }
        col.c-code { width: 56mm; }
        col.c-dur { width: 19mm; }
        col.c-name { width: 58mm; }
        .mono, .hash { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; }
        .hash { font-size: 8pt; word-break: break-all; overflow-wrap: anywhere; }
        .none { text-align: center; color: #6b6b6b; }
        .aigc p { margin: 0 0 1mm; }
        footer { margin-top: 5mm; padding-top: 2mm; font-size: 8.5pt; border-top: .3mm solid #7a1f1f; }
        footer p { margin: 1mm 0 0; }
        footer .en { display: block; }
        footer a { color: inherit; text-decoration: none; }
        .verify .en { display: inline; }
        """;

    /// <summary>
    /// The rule that prints the certificate number and "page N of M" under the frame of every page,
    /// so a page of a multi-page certificate cannot pass as part of another one.
    /// </summary>
    public static string PageFooter(string certificateNumber) =>
        "@page { @bottom-center { content: \"" + CssString(certificateNumber)
        + " · 第 \" counter(page) \" / \" counter(pages) \" 页 · Page \" counter(page) \" of \" counter(pages); } }";

    /// <summary>
    /// Escapes text for a CSS string (CSS Syntax Level 3 §4.3.7: backslash, hex code point, one
    /// space that ends the escape). Everything but ASCII letters and digits is escaped, so no quote,
    /// backslash or "&lt;/style" can leave the string; HTML entities mean nothing inside a style element.
    /// </summary>
    internal static string CssString(string text)
    {
        var css = new StringBuilder(text.Length * 2);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value))
            {
                css.Append((char)rune.Value);
            }
            else
            {
                css.Append(CultureInfo.InvariantCulture, $"\\{rune.Value:X} ");
            }
        }

        return css.ToString();
    }
}
