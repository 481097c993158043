using System.Text;
using ReelRights.Core.Cases.Mediation;

namespace ReelRights.Core.Tests.Cases.Mediation;

public sealed class DocumentTypesTests
{
    [Theory]
    [InlineData("%PDF-1.7\n...", "application/pdf")]
    [InlineData("调解意见：同意分期支付。\nline 2", "text/plain")]
    public void Sniff_AcceptedTypes_AreFoundFromTheBytes(string content, string type) =>
        DocumentTypes.Sniff(Encoding.UTF8.GetBytes(content)).ShouldBe(type);

    [Fact]
    public void Sniff_ImagesByTheirSignatures()
    {
        DocumentTypes.Sniff([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).ShouldBe("image/png");
        DocumentTypes.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).ShouldBe("image/jpeg");
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script>")]
    [InlineData("  <svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("<?xml version=\"1.0\"?><x/>")]
    [InlineData("<HTML><body>")]
    public void Sniff_MarkupThatABrowserWouldRun_IsRefused(string content) =>
        DocumentTypes.Sniff(Encoding.UTF8.GetBytes(content)).ShouldBeNull();

    [Fact]
    public void Sniff_BinaryAndInvalidUtf8_AreRefused()
    {
        DocumentTypes.Sniff("MZ\u0090\0\u0003\0"u8.ToArray()).ShouldBeNull();
        DocumentTypes.Sniff("PK\u0003\u0004zip"u8.ToArray()).ShouldBeNull();
        DocumentTypes.Sniff([0xC3, 0x28, 0x41]).ShouldBeNull();
    }

    [Theory]
    [InlineData("合同.pdf", "application/pdf", "合同.pdf")]
    [InlineData("../../etc/passwd", "text/plain", "passwd.txt")]
    [InlineData("C:\\Users\\x\\evil\".exe", "application/pdf", "evil.pdf")]
    [InlineData("", "image/png", "document.png")]
    [InlineData("report.html", "text/plain", "report.txt")]
    public void SafeName_KeepsTheStemAndUsesTheExtensionOfTheTypeFound(string name, string type, string expected) =>
        DocumentTypes.SafeName(name, type).ShouldBe(expected);
}
