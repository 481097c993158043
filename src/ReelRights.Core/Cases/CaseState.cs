namespace ReelRights.Core.Cases;

/// <summary>Where a case stands; <see cref="CaseWorkflow"/> lists the moves between them.</summary>
public enum CaseState
{
    /// <summary>Opened by the claimant, notice not yet sent.</summary>
    Open,
    /// <summary>通知已送达: the notice reached the platform.</summary>
    NoticeSent,
    /// <summary>已采取必要措施: the platform recorded measures.</summary>
    MeasuresTaken,
    /// <summary>The platform rejected the notice, with a reason.</summary>
    NoticeRejected,
    /// <summary>不侵权声明已提交: the respondent answered with a counter-notice.</summary>
    CounterNoticeSubmitted,
    /// <summary>声明已转送: the platform forwarded it to the claimant; the reasonable period runs.</summary>
    CounterNoticeForwarded,
    /// <summary>The claimant filed a complaint or suit within the period (art. 1196).</summary>
    ComplaintFiled,
    /// <summary>The period passed without a complaint: the platform is to lift the measures.</summary>
    MeasuresToBeLifted,
    /// <summary>The platform lifted the measures (terminal).</summary>
    MeasuresLifted,
    /// <summary>A side proposed mediation; waiting for the mediator.</summary>
    MediationProposed,
    /// <summary>调解中.</summary>
    InMediation,
    /// <summary>调解成功: a settlement was reached (judicial confirmation may follow).</summary>
    Settled,
    /// <summary>Closed, with a reason (terminal).</summary>
    Closed,
    /// <summary>The uploader disputed a screening claim; the claimant reviews it.</summary>
    Disputed,
    /// <summary>The claimant upheld the claim; the uploader may appeal.</summary>
    ClaimUpheld,
    /// <summary>The uploader appealed; the claimant decides again.</summary>
    Appealed,
    /// <summary>The claim was released (by the claimant or by the clock) (terminal).</summary>
    ClaimReleased,
    /// <summary>After an appeal, the claimant had the copy taken down (terminal).</summary>
    TakenDown,
}
