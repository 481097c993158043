using System.Text;
using ReelRights.Core.Evidence;

namespace ReelRights.Core.Tests.Evidence;

public sealed class OfflineHtmlTests
{
    [Fact]
    public void Prepare_GbkPageDeclaredInMeta_IsDecodedAndPutBehindOurCharsetAndPolicy()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
        var page = gbk.GetBytes("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>替身新娘 第1集</title></head></html>");

        var prepared = OfflineHtml.Prepare(page, "text/html");

        prepared.ShouldStartWith(OfflineHtml.Head);
        prepared.ShouldContain("替身新娘 第1集");
        prepared.ShouldNotContain("http-equiv=\"Content-Type\"");
    }

    [Theory]
    [InlineData("<META HTTP-EQUIV=Refresh CONTENT=\"0;url=file:///etc/passwd\">")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0; url=http://127.0.0.1/\">")]
    [InlineData("<meta HtTp-EqUiV='refresh' content='0'>")]
    public void Prepare_MetaRefreshInAnySpelling_IsDisabled(string meta)
    {
        var prepared = OfflineHtml.Prepare(Encoding.UTF8.GetBytes("<html><head>" + meta + "</head></html>"), null);

        prepared[OfflineHtml.Head.Length..].ShouldNotContain("http-equiv", Case.Insensitive);
        prepared.ShouldContain("data-rr-equiv", Case.Insensitive);
    }

    [Theory]
    [InlineData("text/html; charset=GBK", 54936)]
    [InlineData("text/html;charset=\"big5\"", 950)]
    [InlineData("text/html", 65001)]
    [InlineData(null, 65001)]
    public void Detect_HeaderCharset_WinsOverNothing(string? contentType, int codePage)
    {
        OfflineHtml.Detect("<p>x</p>"u8, contentType).Encoding.CodePage.ShouldBe(codePage);
    }

    [Fact]
    public void Detect_ByteOrderMark_WinsAndIsSkipped()
    {
        byte[] page = [0xEF, 0xBB, 0xBF, .. "<p>第1集</p>"u8];

        var (encoding, bom) = OfflineHtml.Detect(page, "text/html; charset=gbk");

        encoding.CodePage.ShouldBe(65001);
        bom.ShouldBe(3);
        OfflineHtml.Prepare(page, "text/html; charset=gbk").ShouldEndWith("<p>第1集</p>");
    }
}
