namespace ReelRights.Core.Cases;

/// <summary>What a case started as.</summary>
public enum CaseKind
{
    /// <summary>通知—删除: a rights holder's notice to a platform (Civil Code art. 1195–1196).</summary>
    Notice,
    /// <summary>An uploader's dispute of a screening verdict (the Content ID model: dispute, appeal).</summary>
    ScreeningDispute,
}
