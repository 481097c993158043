using System.Text;

namespace ReelRights.Core.Certificates;

/// <summary>
/// Keeps the last characters Chromium writes to stdout and stderr. Both pipes are drained for the
/// whole run (a full pipe would block Chromium) but only the end is worth logging, and a page can
/// make Chromium log without bound. Thread-safe: two pumps write while an error path reads.
/// The same idea as ReelRights.Media's tail, which is internal to that library.
/// </summary>
internal sealed class OutputTail(int capacity)
{
    private readonly StringBuilder text = new();
    private readonly Lock gate = new();
    private bool truncated;

    public void Append(ReadOnlySpan<char> chunk)
    {
        lock (gate)
        {
            text.Append(chunk);
            if (text.Length > capacity)
            {
                text.Remove(0, text.Length - capacity);
                truncated = true;
            }
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return truncated ? "…" + text : text.ToString();
        }
    }
}
