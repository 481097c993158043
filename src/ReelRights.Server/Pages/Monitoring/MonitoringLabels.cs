using ReelRights.Core.Evidence;
using ReelRights.Core.Jobs;
using ReelRights.Core.Monitoring;

namespace ReelRights.Server.Pages.Monitoring;

/// <summary>What the monitoring enums are called on the monitoring pages, Chinese first, and their colours.</summary>
public static class MonitoringLabels
{
    /// <summary>The class filter value that selects dismissed hits of any class.</summary>
    public const string Dismissed = "dismissed";

    /// <summary>Classes in the order the owner acts on them: suspected copies first.</summary>
    public static readonly IReadOnlyList<MatchClass> Classes = [MatchClass.Suspected, MatchClass.NeedsReview, MatchClass.OutsideLicenseScope, MatchClass.LicenseExpired, MatchClass.Licensed, MatchClass.OwnChannel];

    public static (string Zh, string En) For(MatchClass value) => value switch
    {
        MatchClass.Suspected => ("疑似侵权", "Suspected infringement"),
        MatchClass.NeedsReview => ("待人工复核", "Needs review"),
        MatchClass.Licensed => ("授权渠道", "Licensed channel"),
        MatchClass.OwnChannel => ("自有渠道", "Own channel"),
        MatchClass.LicenseExpired => ("许可已到期", "License expired"),
        MatchClass.OutsideLicenseScope => ("超出许可范围", "Outside license scope"),
        _ => (value.ToString(), value.ToString()),
    };

    public static (string Zh, string En) DismissedLabel => ("已忽略", "Dismissed");

    public static string TagClass(MatchClass value) => value switch
    {
        MatchClass.Suspected => "tag suspected",
        MatchClass.NeedsReview => "tag review",
        MatchClass.Licensed => "tag licensed",
        MatchClass.OwnChannel => "tag own",
        MatchClass.LicenseExpired => "tag review",
        MatchClass.OutsideLicenseScope => "tag review",
        _ => "tag",
    };

    public static (string Zh, string En) For(ChannelKind kind) => kind switch
    {
        ChannelKind.Own => ("自有渠道", "Own channel"),
        ChannelKind.Licensed => ("授权渠道", "Licensed channel"),
        _ => (kind.ToString(), kind.ToString()),
    };

    /// <summary>The state of a task's latest run; no job means it never ran.</summary>
    public static (string Zh, string En) For(JobState? state) => state switch
    {
        null => ("未运行", "Not run"),
        JobState.Queued => ("排队中", "Queued"),
        JobState.Running => ("运行中", "Running"),
        JobState.Done => ("已完成", "Done"),
        JobState.Dead => ("运行失败", "Run failed"),
        JobState.Cancelled => ("已取消", "Cancelled"),
        _ => (state.ToString()!, state.ToString()!),
    };

    public static string TagClass(JobState? state) => state switch
    {
        JobState.Done => "tag sealed",
        JobState.Dead => "tag revoked",
        _ => "tag",
    };

    public static bool IsRunning(JobState? state) => state is JobState.Queued or JobState.Running;

    /// <summary>How often a task runs: once, or every so many minutes, hours or days.</summary>
    public static (string Zh, string En) Schedule(int? minutes) => minutes switch
    {
        null => ("仅一次", "Once"),
        { } m when m % 1440 == 0 => ($"每 {m / 1440} 天", m == 1440 ? "Daily" : $"Every {m / 1440} days"),
        { } m when m % 60 == 0 => ($"每 {m / 60} 小时", m == 60 ? "Hourly" : $"Every {m / 60} hours"),
        { } m => ($"每 {m} 分钟", $"Every {m} minutes"),
    };

    public static (string Zh, string En) For(EvidenceState state) => state switch
    {
        EvidenceState.Capturing => ("取证中", "Capturing"),
        EvidenceState.Sealed => ("已封存", "Sealed"),
        EvidenceState.Failed => ("取证失败", "Capture failed"),
        _ => (state.ToString(), state.ToString()),
    };

    public static string TagClass(EvidenceState state) => state switch
    {
        EvidenceState.Sealed => "tag sealed",
        EvidenceState.Failed => "tag revoked",
        _ => "tag",
    };

    /// <summary>The matcher's modality as <see cref="ScreeningService"/> writes it ("video", "audio", "both").</summary>
    public static (string Zh, string En) Modality(string modality) => modality switch
    {
        "video" => ("画面", "Picture"),
        "audio" => ("声音", "Sound"),
        "both" => ("画面与声音", "Picture and sound"),
        _ => (modality, modality),
    };
}
