using System.Globalization;

namespace ReelRights.Core.Certificates;

/// <summary>
/// Every error certificate rendering throws is made here, so codes and wording stay consistent.
/// Messages name no server path and carry no Chromium output: hosts show them to users, and the
/// renderer logs the details for operators instead.
/// </summary>
internal static class CertificateErrors
{
    public const string RendererMissing = "pdf-renderer-missing";
    public const string RenderFailed = "pdf-render-failed";
    public const string RenderTimeout = "pdf-render-timeout";
    public const string TooLarge = "pdf-too-large";

    private const ErrorKind Kind = ErrorKind.Unavailable;

    public static ReelRightsException Missing() => new(Kind, RendererMissing,
        "服务器未安装 PDF 渲染程序（Chromium），无法生成证书；请管理员安装 chromium 软件包（apt-get install chromium）。",
        "No PDF renderer (Chromium) is installed on the server, so the certificate cannot be made; an operator must install the chromium package (apt-get install chromium).");

    public static ReelRightsException Failed(string reasonZh, string reasonEn) => new(Kind, RenderFailed,
        $"证书 PDF 生成失败：{reasonZh}。请稍后重试；如仍失败，请联系管理员。",
        $"The certificate PDF could not be made: {reasonEn}. Try again later; if it keeps failing, contact an operator.");

    public static ReelRightsException Timeout(TimeSpan limit) => new(Kind, RenderTimeout,
        Invariant($"证书 PDF 生成超过 {limit.TotalSeconds:0.###} 秒，已终止；请稍后重试。"),
        Invariant($"Making the certificate PDF took longer than {limit.TotalSeconds:0.###} s and was stopped; try again later."));

    public static ReelRightsException OutputTooLarge(long limitBytes) => new(Kind, TooLarge,
        Invariant($"生成的证书 PDF 超过 {limitBytes} 字节上限，已丢弃。"),
        Invariant($"The certificate PDF exceeded the limit of {limitBytes} bytes and was discarded."));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
