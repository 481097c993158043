using ReelRights.Core.Certificates;

namespace ReelRights.Core.Tests.Certificates;

public sealed class CertificateHtmlTests
{
    private const string Hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>&amp;";

    [Fact]
    public void Render_HostileTextInEveryUserField_IsEncoded()
    {
        var model = CertificateSamples.Model() with
        {
            WorkTitle = Hostile,
            OwnerName = Hostile,
            Episodes = [new(1, "E1", Hostile, 60, Hostile, Hostile, Hostile)],
            Rights = [new(Hostile, Hostile, Hostile, Hostile, Hostile)],
            AigcSummaryZh = Hostile,
            AigcSummaryEn = Hostile,
            Documents = [new(Hostile, Hostile)],
        };

        var html = CertificateHtml.Render(model);

        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;");
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
    }

    [Fact]
    public void Render_EpisodeRegisteredFromFingerprintOnly_ShowsNoMediaDigestForIt()
    {
        // Arrange: episode 2's master never left its owner, so there is no media hash to print.
        var model = CertificateSamples.Model(2);
        var episodes = model.Episodes.ToList();
        episodes[1] = episodes[1] with { MediaSha256 = null, MediaSm3 = null };

        // Act
        var html = CertificateHtml.Render(model with { Episodes = episodes });

        // Assert
        html.ShouldContain(episodes[0].MediaSha256!);
        html.ShouldContain(episodes[1].FingerprintDigest);
        System.Text.RegularExpressions.Regex.Count(html, "<dt>SHA-256</dt>").ShouldBe(1);
    }

    [Fact]
    public void Render_HostileCertificateNumber_CannotLeaveTheStyleElementOrTheCssString()
    {
        var model = CertificateSamples.Model() with { CertificateNumber = "\"; } </style><script>alert(1)</script>" };

        var html = CertificateHtml.Render(model);

        html.ShouldNotContain("<script", Case.Insensitive);
        html.Split("</style>").Length.ShouldBe(2);
        html.ShouldContain(@"\22 \3B \20 \7D \20 \3C \2F style\3E \3C script\3E alert\28 1\29 ");
    }

    [Fact]
    public void Render_Sample_IsSelfContainedWithNoScriptOrExternalReference()
    {
        var html = CertificateHtml.Render(CertificateSamples.Model());

        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"");
        html.ShouldContain("<svg class=\"qr\"");
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("src=", Case.Insensitive);
        html.ShouldNotContain("url(", Case.Insensitive);
        html.ShouldNotContain("@import", Case.Insensitive);
        // The only addresses are the verification link itself and the SVG namespace name.
        html.Replace(CertificateSamples.VerificationUrl, "", StringComparison.Ordinal)
            .Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal)
            .ShouldNotContain("//", Case.Insensitive);
    }

    [Fact]
    public void Render_Sample_ShowsBilingualTitleFontsAndEveryDigest()
    {
        var model = CertificateSamples.Model();

        var html = CertificateHtml.Render(model);

        html.ShouldContain("作品登记证书");
        html.ShouldContain("Certificate of Registration");
        html.ShouldContain("font-family: \"Noto Serif CJK SC\", \"Noto Sans CJK SC\", serif;");
        html.ShouldContain(model.WorkCode);
        html.ShouldContain(model.LeafHash);
        foreach (var episode in model.Episodes)
        {
            html.ShouldContain(episode.Code);
            html.ShouldContain(episode.MediaSha256.ShouldNotBeNull());
            html.ShouldContain(episode.FingerprintDigest);
            if (episode.MediaSm3 is { } sm3)
            {
                html.ShouldContain(sm3);
            }
        }

        html.ShouldContain(model.Documents[0].Sha256);
        html.ShouldContain("word-break: break-all");
    }

    [Fact]
    public void Render_RegisteredAtInAnyOffset_ShowsChinaStandardTimeAndUtc()
    {
        // 05:30 at UTC−05:00 is 10:30 UTC and 18:30 in Beijing.
        var model = CertificateSamples.Model() with { RegisteredAt = new DateTimeOffset(2026, 3, 1, 5, 30, 0, TimeSpan.FromHours(-5)) };

        var html = CertificateHtml.Render(model);

        html.ShouldContain("2026-03-01 18:30:00 北京时间");
        html.ShouldContain("2026-03-01 10:30:00 <span class=\"en\">UTC</span>");
    }

    [Fact]
    public void Render_NoEpisodesRightsOrDocuments_ShowsNoneRows()
    {
        var model = CertificateSamples.Model() with { Episodes = [], Rights = [], Documents = [] };

        var html = CertificateHtml.Render(model);

        html.Split("无 <span class=\"en\">None</span>").Length.ShouldBe(4);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/verify/relative")]
    [InlineData("")]
    public void Render_VerificationUrlNotAnHttpAddress_Throws(string url)
    {
        var model = CertificateSamples.Model() with { VerificationUrl = url };

        Should.Throw<ArgumentException>(() => CertificateHtml.Render(model));
    }
}
