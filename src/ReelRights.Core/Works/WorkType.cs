namespace ReelRights.Core.Works;

/// <summary>What kind of work is registered.</summary>
public enum WorkType
{
    /// <summary>微短剧</summary>
    MicroDrama,
    ShortVideo,
    Music,
    Audiobook,
    Voice,
    Image,
}
