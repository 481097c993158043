namespace ReelRights.Media;

/// <summary>Checks the optional start/duration every decode request carries.</summary>
internal static class TimeRange
{
    public static void Validate(double? startSeconds, double? durationSeconds)
    {
        if (startSeconds is { } start && (!double.IsFinite(start) || start < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(startSeconds), "Start must be a finite, non-negative number of seconds.");
        }

        if (durationSeconds is { } duration && (!double.IsFinite(duration) || duration <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), "Duration must be a finite, positive number of seconds.");
        }
    }
}
