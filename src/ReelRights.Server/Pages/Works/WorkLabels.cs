using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Works;

/// <summary>What the registration enums are called on the works pages, Chinese first.</summary>
public static class WorkLabels
{
    public static (string Zh, string En) For(WorkType type) => type switch
    {
        WorkType.MicroDrama => ("微短剧", "Micro-drama"),
        WorkType.ShortVideo => ("短视频", "Short video"),
        WorkType.Music => ("音乐", "Music"),
        WorkType.Audiobook => ("有声书", "Audiobook"),
        WorkType.Voice => ("声音", "Voice"),
        WorkType.Image => ("图片", "Image"),
        _ => (type.ToString(), type.ToString()),
    };

    public static (string Zh, string En) For(EpisodeSource source) => source switch
    {
        EpisodeSource.Media => ("媒体文件", "Media file"),
        EpisodeSource.Fingerprint => ("指纹文件", "Fingerprint file"),
        _ => (source.ToString(), source.ToString()),
    };

    public static (string Zh, string En) For(EpisodeState state) => state switch
    {
        EpisodeState.Queued => ("排队中", "Queued"),
        EpisodeState.Fingerprinting => ("指纹计算中", "Fingerprinting"),
        EpisodeState.Ready => ("就绪", "Ready"),
        EpisodeState.Failed => ("失败", "Failed"),
        _ => (state.ToString(), state.ToString()),
    };

    public static (string Zh, string En) For(RegistrationState state) => state switch
    {
        RegistrationState.Checking => ("比对中", "Checking"),
        RegistrationState.NeedsReview => ("待审核", "Needs review"),
        RegistrationState.Sealed => ("已存证", "Sealed"),
        RegistrationState.Rejected => ("已驳回", "Rejected"),
        _ => (state.ToString(), state.ToString()),
    };

    /// <summary>Names of the rights as the PRC Copyright Law art. 10 words them.</summary>
    public static (string Zh, string En) For(RightKind right) => right switch
    {
        RightKind.Communication => ("信息网络传播权", "Communication over networks"),
        RightKind.Adaptation => ("改编权", "Adaptation"),
        RightKind.Reproduction => ("复制权", "Reproduction"),
        RightKind.Distribution => ("发行权", "Distribution"),
        RightKind.Translation => ("翻译权", "Translation"),
        RightKind.Performance => ("表演权", "Performance"),
        RightKind.Dubbing => ("配音权", "Dubbing"),
        RightKind.Broadcasting => ("广播权", "Broadcasting"),
        RightKind.Filming => ("摄制权", "Filming"),
        _ => (right.ToString(), right.ToString()),
    };

    public static (string Zh, string En) For(DocumentKind kind) => kind switch
    {
        DocumentKind.AdaptationLicense => ("原著改编授权", "Adaptation license"),
        DocumentKind.Screenplay => ("剧本", "Screenplay"),
        DocumentKind.ProductionAgreement => ("制作合同", "Production agreement"),
        DocumentKind.PerformerRelease => ("演员/配音授权", "Performer or voice release"),
        DocumentKind.MusicLicense => ("音乐授权", "Music license"),
        DocumentKind.CreationLog => ("AIGC 创作过程记录", "AIGC creation log"),
        DocumentKind.Other => ("其他", "Other"),
        _ => (kind.ToString(), kind.ToString()),
    };

    /// <summary>The CSS class of a state tag, so sealed reads green and failures red at a glance.</summary>
    public static string TagClass(RegistrationState state) => state switch
    {
        RegistrationState.Sealed => "tag sealed",
        RegistrationState.Rejected => "tag revoked",
        RegistrationState.NeedsReview => "tag review",
        _ => "tag",
    };

    public static string TagClass(EpisodeState state) => state switch
    {
        EpisodeState.Ready => "tag sealed",
        EpisodeState.Failed => "tag revoked",
        _ => "tag",
    };
}
