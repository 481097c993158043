namespace ReelRights.Core;

/// <summary>What kind of failure an error is, so hosts can map it to a status code.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Unauthorized,
    Locked,
    /// <summary>A server-side dependency (a renderer, a remote TSA…) failed; retrying later may work.</summary>
    Unavailable,
}

/// <summary>
/// A failure a person can act on. <see cref="Code"/> is stable (it becomes the ProblemDetails
/// <c>type</c>); the messages are shown as they are, Chinese first.
/// </summary>
public sealed class ReelRightsException(ErrorKind kind, string code, string messageZh, string messageEn)
    : Exception($"{messageEn} ({code})")
{
    public ErrorKind Kind { get; } = kind;
    public string Code { get; } = code;
    public string MessageZh { get; } = messageZh;
    public string MessageEn { get; } = messageEn;
    /// <summary>Every problem found when there are several (a CSV's rows), each naming where it is; hosts list them with the message.</summary>
    public IReadOnlyList<object>? Details { get; init; }

    public static ReelRightsException NotFound(string what) =>
        new(ErrorKind.NotFound, "not-found", $"找不到该{what}。", $"The {EnglishNoun(what)} was not found.");

    public static ReelRightsException Invalid(string code, string zh, string en) =>
        new(ErrorKind.Validation, code, zh, en);

    public static ReelRightsException Forbidden(string zh, string en) =>
        new(ErrorKind.Forbidden, "forbidden", zh, en);

    private static string EnglishNoun(string zh) => zh switch
    {
        "组织" => "organization",
        "用户" => "user",
        "密钥" => "API key",
        "邀请" => "invitation",
        "作品" => "work",
        "登记" => "registration",
        "证书" => "certificate",
        "上传" => "upload",
        "渠道" => "channel",
        "监测任务" => "monitoring task",
        "侵权线索" => "hit",
        "案件" => "case",
        "证据包" => "evidence bundle",
        "条目" => "ledger entry",
        "检查点" => "checkpoint",
        "通知" => "notification",
        "许可" => "license",
        "结算单" => "statement",
        "估值报告" => "valuation report",
        _ => "object",
    };
}
