namespace ReelRights.Media.Thumbnails;

/// <summary>Which frame to grab and how big.</summary>
/// <param name="AtSeconds">Time of the frame, in seconds from the start of the file.</param>
public sealed record ThumbnailRequest(double AtSeconds)
{
    /// <summary>
    /// Largest width in pixels; narrower pictures keep their size. Height follows the aspect
    /// ratio (rounded to even). Default 640.
    /// </summary>
    public int MaxWidth { get; init; } = 640;

    /// <summary>Image format. Default <see cref="ThumbnailFormat.Jpeg"/>.</summary>
    public ThumbnailFormat Format { get; init; } = ThumbnailFormat.Jpeg;

    internal void Validate()
    {
        TimeRange.Validate(AtSeconds, null);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWidth, 2, nameof(MaxWidth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxWidth, 16384, nameof(MaxWidth));
        if (!Enum.IsDefined(Format))
        {
            throw new ArgumentOutOfRangeException(nameof(Format));
        }
    }
}
