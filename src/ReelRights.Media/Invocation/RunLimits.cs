namespace ReelRights.Media.Invocation;

/// <summary>Limits of one tool run: wall-clock time and bytes read from stdout.</summary>
/// <param name="Timeout">Wall-clock limit from start to exit, consumer time included.</param>
/// <param name="MaxOutputBytes">Most stdout bytes accepted; one more kills the run.</param>
internal readonly record struct RunLimits(TimeSpan Timeout, long MaxOutputBytes);
