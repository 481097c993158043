namespace ReelRights.Core.Certificates;

/// <summary>A Chromium run that did not end well (see <see cref="ChromiumProcess.RunAsync"/>).</summary>
internal sealed class ChromiumRunException(ChromiumFailure failure, int exitCode = 0)
    : Exception($"Chromium run failed: {failure} (exit code {exitCode})")
{
    public ChromiumFailure Failure { get; } = failure;
    public int ExitCode { get; } = exitCode;
}
