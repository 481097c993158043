namespace ReelRights.Core.Monitoring;

/// <summary>A span of seconds, start inclusive, end exclusive.</summary>
public sealed record SecondsRange(double Start, double End)
{
    public double Duration => End - Start;
}
