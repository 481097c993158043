namespace ReelRights.Server.Web;

public sealed record ServiceInfo(string Slug, string NameZh, string NameEn, string SummaryZh, string SummaryEn);
