using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReelRights.Core.Certificates;

namespace ReelRights.Core.Tests.Certificates;

/// <summary>
/// Renders with the real Chromium (scripts/ensure-deps.sh test installs it) and with small shell
/// scripts standing in for it, to drive the failure paths without waiting on a browser.
/// </summary>
public sealed class ChromiumPdfRendererTests : IDisposable
{
    // Short: Chromium's socket path limit bounds TempRoot (ChromiumOptions.MaxTempRootLength).
    private readonly string root = Directory.CreateTempSubdirectory("rrct").FullName;
    private readonly string tempRoot;

    public ChromiumPdfRendererTests()
    {
        tempRoot = Directory.CreateDirectory(Path.Combine(root, "r")).FullName;
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task RenderPdfAsync_Certificate_IsPdfWithWorkCodeInItsTextAndCjkFontsEmbedded()
    {
        var model = CertificateSamples.Model();
        var renderer = NewRenderer(new ChromiumOptions { TempRoot = tempRoot });

        var pdf = await renderer.RenderPdfAsync(CertificateHtml.Render(model), TestContext.Current.CancellationToken);

        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        var text = PdfText.Extract(pdf).Replace("\n", "", StringComparison.Ordinal);
        text.ShouldContain(model.WorkCode, Case.Sensitive);
        text.ShouldContain("作品登记证书");
        text.ShouldContain(model.WorkTitle);
        text.ShouldContain(model.CertificateNumber + " · 第 1 / ", Case.Sensitive);
        // --no-pdf-header-footer: no date/URL header naming the server's temp folder.
        text.ShouldNotContain("file:");
        text.ShouldNotContain(tempRoot);
        var raw = Encoding.Latin1.GetString(pdf);
        (raw.Contains("NotoSerifCJK", StringComparison.Ordinal) || raw.Contains("NotoSansCJK", StringComparison.Ordinal)).ShouldBeTrue("no Noto CJK font embedded");
        Directory.EnumerateFileSystemEntries(tempRoot).ShouldBeEmpty();
    }

    [Fact]
    public async Task RenderPdfAsync_ToolRunsPastTimeout_ThrowsTimeoutAndKillsTheProcessTree()
    {
        var pids = Path.Combine(root, "pids");
        var script = Script("sleeper", $"sleep 30 &\necho $! > '{pids}'\necho $$ >> '{pids}'\nwait\n");
        var renderer = NewRenderer(new ChromiumOptions { ExecutablePath = script, Timeout = TimeSpan.FromSeconds(1), TempRoot = tempRoot });
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<ReelRightsException>(() => renderer.RenderPdfAsync("<p>x</p>", TestContext.Current.CancellationToken));

        error.Code.ShouldBe("pdf-render-timeout");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var started = (await File.ReadAllLinesAsync(pids, TestContext.Current.CancellationToken)).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        started.Count.ShouldBe(2);
        foreach (var pid in started)
        {
            (await IsGoneAsync(pid)).ShouldBeTrue($"process {pid} is still running");
        }

        Directory.EnumerateFileSystemEntries(tempRoot).ShouldBeEmpty();
    }

    [Fact]
    public async Task RenderPdfAsync_CallerCancels_ThrowsOperationCanceledAndKillsTheTool()
    {
        var pids = Path.Combine(root, "pids");
        var script = Script("sleeper", $"echo $$ > '{pids}'\nexec sleep 30\n");
        var renderer = NewRenderer(new ChromiumOptions { ExecutablePath = script, TempRoot = tempRoot });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Should.ThrowAsync<OperationCanceledException>(() => renderer.RenderPdfAsync("<p>x</p>", cancel.Token));

        var pid = int.Parse((await File.ReadAllTextAsync(pids, TestContext.Current.CancellationToken)).Trim(), CultureInfo.InvariantCulture);
        (await IsGoneAsync(pid)).ShouldBeTrue();
        Directory.EnumerateFileSystemEntries(tempRoot).ShouldBeEmpty();
    }

    [Fact]
    public async Task RenderPdfAsync_ExecutableMissing_ThrowsRendererMissingNamingThePackage()
    {
        var renderer = NewRenderer(new ChromiumOptions { ExecutablePath = Path.Combine(root, "no-such-chromium"), TempRoot = tempRoot });

        var error = await Should.ThrowAsync<ReelRightsException>(() => renderer.RenderPdfAsync("<p>x</p>", TestContext.Current.CancellationToken));

        error.Code.ShouldBe("pdf-renderer-missing");
        error.MessageEn.ShouldContain("install the chromium package");
        error.MessageZh.ShouldContain("chromium");
        error.MessageEn.ShouldNotContain(root);
        Directory.EnumerateFileSystemEntries(tempRoot).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("exit 3", "pdf-render-failed")]
    [InlineData("echo 'not a pdf' > \"$out\"", "pdf-render-failed")]
    [InlineData(":", "pdf-render-failed")]
    [InlineData("head -c 2048 /dev/zero | tr '\\0' x | sed 's/^/%PDF-/' > \"$out\"", "pdf-too-large")]
    public async Task RenderPdfAsync_ToolMisbehaves_ThrowsTheMatchingCode(string action, string code)
    {
        // The stand-in finds its output path the way Chromium does, in --print-to-pdf=.
        var script = Script("fake", "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${a#--print-to-pdf=}\";; esac; done\n" + action + "\n");
        var renderer = NewRenderer(new ChromiumOptions { ExecutablePath = script, MaxPdfBytes = 1024, TempRoot = tempRoot });

        var error = await Should.ThrowAsync<ReelRightsException>(() => renderer.RenderPdfAsync("<p>x</p>", TestContext.Current.CancellationToken));

        error.Code.ShouldBe(code);
        Directory.EnumerateFileSystemEntries(tempRoot).ShouldBeEmpty();
    }

    [Fact]
    public void Arguments_AnyRender_AreHeadlessPrivateAndEndWithTheFileUrl()
    {
        var arguments = ChromiumPdfRenderer.Arguments("/tmp/rrc-x", "/tmp/rrc-x/certificate.html", "/tmp/rrc-x/certificate.pdf");

        arguments.ShouldContain("--headless");
        arguments.ShouldContain("--no-pdf-header-footer");
        arguments.ShouldContain("--disable-extensions");
        arguments.ShouldContain("--print-to-pdf=/tmp/rrc-x/certificate.pdf");
        arguments.ShouldContain("--user-data-dir=/tmp/rrc-x/profile");
        arguments[^1].ShouldBe("file:///tmp/rrc-x/certificate.html");
    }

    [Fact]
    public void FindChromium_ConfiguredPathMissing_IsNullButDefaultFallsBackToPath()
    {
        ChromiumPdfRenderer.FindChromium(Path.Combine(root, "no-such-chromium")).ShouldBeNull();
        ChromiumPdfRenderer.FindChromium().ShouldNotBeNull("chromium is not installed (scripts/ensure-deps.sh test installs it)");
        ChromiumPdfRenderer.FindChromium("sh").ShouldNotBeNull();
    }

    [Fact]
    public void Constructor_TempRootTooLongForChromiumSocket_Throws()
    {
        var options = new ChromiumOptions { TempRoot = "/" + new string('t', ChromiumOptions.MaxTempRootLength) };

        Should.Throw<ArgumentException>(() => NewRenderer(options));
    }

    private static ChromiumPdfRenderer NewRenderer(ChromiumOptions options) =>
        new(Options.Create(options), NullLogger<ChromiumPdfRenderer>.Instance);

    private string Script(string name, string body)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>True once the process no longer exists or is a zombie (killed, waiting to be reaped by init).</summary>
    private static async Task<bool> IsGoneAsync(int pid)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var stat = $"/proc/{pid}/stat";
            string text;
            try
            {
                text = await File.ReadAllTextAsync(stat);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                return true;
            }

            // Field 3, after the parenthesised command name, is the state (proc(5)).
            if (text[(text.LastIndexOf(')') + 2)..][0] is 'Z' or 'X')
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
