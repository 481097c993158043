namespace ReelRights.Fingerprinting.Matching;

/// <summary>Which evidence a match rests on.</summary>
public enum MatchModality
{
    /// <summary>The picture alone.</summary>
    Video,

    /// <summary>The sound alone.</summary>
    Audio,

    /// <summary>Picture and sound agreeing on the same alignment.</summary>
    Both,
}
