namespace ReelRights.Server.Web;

/// <summary>A core service; <see cref="Href"/> is where it lives once it is available, null while it is still coming.</summary>
public sealed record ServiceInfo(string Slug, string NameZh, string NameEn, string SummaryZh, string SummaryEn, string? Href = null)
{
    public bool IsAvailable => Href is not null;

    /// <summary>Where the home page and the menu send people: the service itself, or its "coming soon" page.</summary>
    public string Link => Href ?? "/services/" + Slug;
}
