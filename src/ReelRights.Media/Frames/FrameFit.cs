namespace ReelRights.Media.Frames;

/// <summary>How a picture is fitted into the requested analysis size.</summary>
public enum FrameFit
{
    /// <summary>
    /// Keep the aspect ratio: scale to fit inside Width × Height, centre, and fill the rest with
    /// black (luma 0). A 16:9 source in a square box gets bars above and below.
    /// </summary>
    Pad,

    /// <summary>Scale to exactly Width × Height, distorting the aspect ratio.</summary>
    Stretch,
}
