namespace ReelRights.Fingerprinting.Region;

/// <summary>
/// Pipeline stage "region": finds the real picture inside the decoded frame (without bars,
/// blurred fill or the background around a picture-in-picture) from accumulated statistics.
/// </summary>
internal interface IRegionDetector
{
    /// <summary>Estimates the picture region of a window of frames.</summary>
    /// <param name="statistics">Sharpness and sharp-motion energy of the window.</param>
    /// <param name="width">Frame width.</param>
    /// <param name="height">Frame height.</param>
    RegionEstimate Detect(ActivityAccumulator statistics, int width, int height);
}
