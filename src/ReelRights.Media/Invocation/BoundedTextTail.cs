using System.Text;

namespace ReelRights.Media.Invocation;

/// <summary>
/// Keeps the last <c>capacity</c> characters written to it. ffmpeg's stderr is drained for the
/// whole run (an undrained pipe blocks the tool once its 64 KB buffer fills) but only the end
/// matters for an error message, and a hostile file can make ffmpeg log without bound.
/// Thread-safe: the stderr pump writes while an error path reads.
/// </summary>
internal sealed class BoundedTextTail
{
    private readonly int capacity;
    private readonly StringBuilder text = new();
    private readonly Lock gate = new();
    private bool truncated;

    public BoundedTextTail(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(capacity, 0);
        this.capacity = capacity;
    }

    public void Append(ReadOnlySpan<char> chunk)
    {
        lock (gate)
        {
            if (chunk.Length >= capacity)
            {
                text.Clear().Append(chunk[^capacity..]);
                truncated = true;
                return;
            }

            text.Append(chunk);
            if (text.Length > capacity)
            {
                text.Remove(0, text.Length - capacity);
                truncated = true;
            }
        }
    }

    /// <summary>The kept text, prefixed with "…" when earlier text was dropped.</summary>
    public override string ToString()
    {
        lock (gate)
        {
            return truncated ? "…" + text : text.ToString();
        }
    }
}
