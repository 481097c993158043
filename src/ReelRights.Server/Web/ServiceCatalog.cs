namespace ReelRights.Server.Web;

/// <summary>The five core services as the UI names them (shared/DESIGN.md).</summary>
public static class ServiceCatalog
{
    public static readonly IReadOnlyList<ServiceInfo> All =
    [
        new("registration", "确权登记", "Registration", "版权原创存证登记：指纹、哈希、作品编码、可离线验证的证书。", "Fingerprint and hash each episode, get a work code and a certificate anyone can verify offline.", "/works"),
        new("monitoring", "侵权监测", "Monitoring", "在上传、网址和平台投稿中发现裁剪、镜像、变速、合集等盗版副本。", "Find copies in uploads, URL lists and platform feeds, even cropped, mirrored, sped up or compiled.", "/monitoring"),
        new("evidence", "侵权取证", "Evidence", "记录取证过程并封存为法院可离线验证的证据包。", "Capture a suspected copy with its context and seal a bundle a court can verify offline.", "/monitoring"),
        new("mediation", "维权调解", "Mediation", "通知、必要措施、不侵权声明、调解与和解，全程上链。", "Notice, measures, counter-notice, mediation and settlement, every step on the log.", "/cases"),
        new("trading", "版权交易", "Trading", "挂牌授权、签约许可，让监测识别被许可方的合法副本。", "List rights, sign licenses, and let monitoring recognise licensed copies.", "/trading"),
    ];

    public static ServiceInfo? Find(string slug) => All.FirstOrDefault(s => s.Slug == slug);
}
