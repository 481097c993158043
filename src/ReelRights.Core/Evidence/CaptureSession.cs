using System.Globalization;
using System.Text;

namespace ReelRights.Core.Evidence;

/// <summary>Every step of a capture with its UTC time, in order (the bundle's session-log.txt).</summary>
internal sealed class CaptureSession(TimeProvider time)
{
    private readonly StringBuilder log = new();

    public void Log(string step, string detail) =>
        log.Append(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'}  {step}: {detail}\n");

    public string Text() => log.ToString();
}
