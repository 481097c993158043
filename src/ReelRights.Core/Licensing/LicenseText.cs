using System.Globalization;

namespace ReelRights.Core.Licensing;

/// <summary>Bilingual names of licensing terms, for pages, contracts and messages.</summary>
public static class LicenseText
{
    public static (string Zh, string En) Right(LicenseRight right) => right switch
    {
        LicenseRight.Streaming => ("信息网络传播权", "streaming (making available online)"),
        LicenseRight.Broadcast => ("广播权", "broadcast"),
        LicenseRight.Adaptation => ("改编权", "adaptation"),
        LicenseRight.Translation => ("翻译权", "translation"),
        LicenseRight.Dubbing => ("配音（出海）", "dubbing for release abroad"),
        LicenseRight.Subtitles => ("字幕", "subtitles"),
        LicenseRight.Clips => ("片段/宣传", "clips and excerpts for promotion"),
        _ => (right.ToString(), right.ToString()),
    };

    /// <summary>Each right in a set, in the enum's order.</summary>
    public static (string Zh, string En) Rights(LicenseRight rights)
    {
        var each = Enum.GetValues<LicenseRight>().Where(r => r != LicenseRight.None && rights.HasFlag(r)).Select(Right).ToList();
        return (string.Join("、", each.Select(r => r.Zh)), string.Join(", ", each.Select(r => r.En)));
    }

    public static (string Zh, string En) Exclusivity(Exclusivity exclusivity) => exclusivity switch
    {
        Licensing.Exclusivity.Exclusive => ("独占许可", "exclusive"),
        Licensing.Exclusivity.Sole => ("排他许可", "sole"),
        _ => ("普通许可", "non-exclusive"),
    };

    public static (string Zh, string En) Price(LicensePrice p) => p.Model switch
    {
        PriceModel.FlatFee => ($"一次性许可费 {Amount(p.FlatFeeMinor ?? 0, p.Currency)}", $"flat fee {Amount(p.FlatFeeMinor ?? 0, p.Currency)}"),
        PriceModel.RevenueShare => ($"收入分成 {Percent(p.SharePercent)}", $"revenue share {Percent(p.SharePercent)}"),
        _ => ($"保底 {Amount(p.MinimumGuaranteeMinor ?? 0, p.Currency)} 加分成 {Percent(p.SharePercent)}（保底自分成中抵扣）",
            $"minimum guarantee {Amount(p.MinimumGuaranteeMinor ?? 0, p.Currency)} plus {Percent(p.SharePercent)} share (recouped from the share)"),
    };

    public static (string Zh, string En) State(LicenseState state) => state switch
    {
        LicenseState.Pending => ("待签署", "awaiting signatures"),
        LicenseState.Active => ("有效", "in force"),
        LicenseState.Terminated => ("已终止", "terminated"),
        _ => ("已取消", "cancelled"),
    };

    public static (string Zh, string En) Standing(LicenseStanding standing) => standing switch
    {
        LicenseStanding.Pending => ("待签署", "awaiting signatures"),
        LicenseStanding.NotYetStarted => ("未到期限", "not yet started"),
        LicenseStanding.InForce => ("有效", "in force"),
        LicenseStanding.Expired => ("已到期", "expired"),
        LicenseStanding.Terminated => ("已终止", "terminated"),
        _ => ("已取消", "cancelled"),
    };

    /// <summary>The term as "yyyy-MM-dd – yyyy-MM-dd" (inclusive).</summary>
    public static string Term(LicenseTerms t) =>
        $"{t.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} – {t.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static (string Zh, string En) Step(LicenseEventKind kind) => kind switch
    {
        LicenseEventKind.Granted => ("授予", "granted"),
        LicenseEventKind.Amended => ("修订", "amended"),
        LicenseEventKind.Renewed => ("续期", "renewed"),
        LicenseEventKind.Terminated => ("终止", "terminated"),
        _ => ("到期", "expired"),
    };

    public static (string Zh, string En) Change(LicenseAmendment a) => (a.Kind, a.State) switch
    {
        (var k, AmendmentState.Open) => k == AmendmentKind.Renew ? ("续期（待答复）", "renewal (awaiting answer)") : ("修订（待答复）", "amendment (awaiting answer)"),
        (var k, AmendmentState.Accepted) => k == AmendmentKind.Renew ? ("续期（已生效）", "renewal (accepted)") : ("修订（已生效）", "amendment (accepted)"),
        (var k, AmendmentState.Declined) => k == AmendmentKind.Renew ? ("续期（被拒绝）", "renewal (declined)") : ("修订（被拒绝）", "amendment (declined)"),
        (var k, _) => k == AmendmentKind.Renew ? ("续期（已撤回）", "renewal (withdrawn)") : ("修订（已撤回）", "amendment (withdrawn)"),
    };

    public static (string Zh, string En) State(DealState state) => state switch
    {
        DealState.Negotiating => ("洽谈中", "negotiating"),
        DealState.AwaitingSignatures => ("待签署", "awaiting signatures"),
        DealState.Signed => ("已签署", "signed"),
        _ => ("已撤回", "withdrawn"),
    };

    /// <summary>An amount in minor units with its currency, e.g. "CNY 50,000.00".</summary>
    public static string Amount(long minor, string currency) =>
        $"{currency} {(minor / 100m).ToString("N2", CultureInfo.InvariantCulture)}";

    private static string Percent(decimal? share) => $"{(share ?? 0).ToString("0.##", CultureInfo.InvariantCulture)}%";
}
