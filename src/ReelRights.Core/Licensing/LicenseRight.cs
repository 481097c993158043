namespace ReelRights.Core.Licensing;

/// <summary>
/// The rights a license grants, as flags so a grant holds several and two grants overlap when they
/// share one. Names follow the Copyright Law's economic rights (art. 10) and the overseas-release
/// trade's split of translation into dubbing and subtitles.
/// </summary>
[Flags]
public enum LicenseRight
{
    None = 0,
    /// <summary>信息网络传播权: making available online (streaming, download).</summary>
    Streaming = 1,
    /// <summary>广播权: broadcasting.</summary>
    Broadcast = 2,
    /// <summary>改编权: adaptation (a remake, a game, a novel).</summary>
    Adaptation = 4,
    /// <summary>翻译权: translation of the script.</summary>
    Translation = 8,
    /// <summary>配音: a dubbed version for release abroad (出海).</summary>
    Dubbing = 16,
    /// <summary>字幕: a subtitled version.</summary>
    Subtitles = 32,
    /// <summary>片段/宣传: clips and excerpts for promotion.</summary>
    Clips = 64,
}
