using ReelRights.Core.Notifications;

namespace ReelRights.Core.Cases;

/// <summary>What states, moves, roles and clocks are called, Chinese first.</summary>
public static class CaseText
{
    public static NotificationText State(CaseState state) => state switch
    {
        CaseState.Open => new("待发送通知", "open, notice not sent"),
        CaseState.NoticeSent => new("通知已送达", "notice delivered"),
        CaseState.MeasuresTaken => new("已采取必要措施", "measures taken"),
        CaseState.NoticeRejected => new("平台不予处理", "notice rejected"),
        CaseState.CounterNoticeSubmitted => new("已提交不侵权声明", "counter-notice submitted"),
        CaseState.CounterNoticeForwarded => new("不侵权声明已转送，等待投诉或起诉", "counter-notice forwarded, waiting for a complaint or suit"),
        CaseState.ComplaintFiled => new("已投诉或起诉", "complaint or suit filed"),
        CaseState.MeasuresToBeLifted => new("应终止所采取的措施", "measures to be lifted"),
        CaseState.MeasuresLifted => new("措施已终止", "measures lifted"),
        CaseState.MediationProposed => new("已申请调解", "mediation proposed"),
        CaseState.InMediation => new("调解中", "in mediation"),
        CaseState.Settled => new("调解成功", "settled"),
        CaseState.Closed => new("已结案", "closed"),
        CaseState.Disputed => new("上传者已申诉", "disputed by the uploader"),
        CaseState.ClaimUpheld => new("权利人维持主张", "claim upheld"),
        CaseState.Appealed => new("上传者已复议", "appealed"),
        CaseState.ClaimReleased => new("主张已撤回", "claim released"),
        CaseState.TakenDown => new("已下架", "taken down"),
        _ => new(state.ToString(), state.ToString()),
    };

    public static NotificationText Action(CaseAction action) => action switch
    {
        CaseAction.SendNotice => new("发送通知", "send the notice"),
        CaseAction.RecordMeasure => new("记录必要措施", "record a measure"),
        CaseAction.RejectNotice => new("不予处理", "reject the notice"),
        CaseAction.ForwardToRespondent => new("转送通知给被投诉人", "forward the notice to the respondent"),
        CaseAction.SubmitCounterNotice => new("提交不侵权声明", "submit a counter-notice"),
        CaseAction.ForwardCounterNotice => new("转送不侵权声明", "forward the counter-notice"),
        CaseAction.RecordComplaint => new("登记投诉或起诉", "record a complaint or suit"),
        CaseAction.ComplaintPeriodExpired => new("合理期限届满", "reasonable period expired"),
        CaseAction.LiftMeasures => new("终止措施", "lift the measures"),
        CaseAction.ProposeMediation => new("申请调解", "propose mediation"),
        CaseAction.AcceptMediation => new("受理调解", "accept the mediation"),
        CaseAction.SignAgreement => new("签署和解协议", "sign the settlement agreement"),
        CaseAction.Settle => new("达成调解协议", "record the settlement"),
        CaseAction.FailMediation => new("调解不成", "end the mediation as failed"),
        CaseAction.ReferToCourt => new("转诉讼", "refer to court"),
        CaseAction.Withdraw => new("撤回", "withdraw"),
        CaseAction.CloseSettled => new("结案", "close the settled case"),
        CaseAction.Dispute => new("申诉", "dispute"),
        CaseAction.ReleaseClaim => new("撤回主张", "release the claim"),
        CaseAction.UpholdClaim => new("维持主张", "uphold the claim"),
        CaseAction.Appeal => new("复议", "appeal"),
        CaseAction.TakeDown => new("下架", "take down"),
        CaseAction.ReviewPeriodExpired => new("答复期限届满", "review period expired"),
        _ => new(action.ToString(), action.ToString()),
    };

    public static NotificationText Role(CaseRole role) => role switch
    {
        CaseRole.Claimant => new("权利人", "claimant"),
        CaseRole.Platform => new("平台", "platform"),
        CaseRole.Respondent => new("被投诉人", "respondent"),
        CaseRole.Mediator => new("调解员", "mediator"),
        CaseRole.Operator => new("运营方", "operator"),
        _ => new("系统时钟", "clock"),
    };

    public static NotificationText Measure(CaseMeasure measure) => measure switch
    {
        CaseMeasure.Removed => new("删除", "removed"),
        CaseMeasure.Blocked => new("屏蔽", "blocked"),
        CaseMeasure.LinksDisconnected => new("断开链接", "links disconnected"),
        CaseMeasure.Demonetized => new("停止收益", "demonetized"),
        CaseMeasure.RegionRestricted => new("限制地区", "region-restricted"),
        _ => new("不予处理", "rejected"),
    };

    public static NotificationText Clock(ClockKind clock) => clock switch
    {
        ClockKind.ComplaintPeriod => new("投诉或起诉的合理期限", "reasonable period to complain or sue"),
        ClockKind.DisputeReview => new("答复申诉期限", "time to answer the dispute"),
        ClockKind.AppealReview => new("答复复议期限", "time to answer the appeal"),
        _ => new("申请司法确认期限", "time to apply for judicial confirmation"),
    };
}
