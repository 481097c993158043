namespace ReelRights.Media.Thumbnails;

/// <summary>Image format of a thumbnail.</summary>
public enum ThumbnailFormat
{
    /// <summary>JPEG (ffmpeg's mjpeg encoder), small; good for previews.</summary>
    Jpeg,

    /// <summary>PNG, lossless; good for evidence frames that must show exactly what was decoded.</summary>
    Png,
}
