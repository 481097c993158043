using ReelRights.Core.Monitoring;

namespace ReelRights.Server.Pages.Monitoring;

/// <summary>The "declare a channel" form: one of a platform on ReelRights or a URL prefix, for one work or all.</summary>
public sealed class ChannelForm
{
    public ChannelKind Kind { get; set; } = ChannelKind.Licensed;
    public Guid? WorkId { get; set; }
    public Guid? PlatformOrganizationId { get; set; }
    public string? UrlPrefix { get; set; }
    public string? Note { get; set; }
}
