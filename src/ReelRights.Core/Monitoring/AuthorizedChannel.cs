namespace ReelRights.Core.Monitoring;

/// <summary>
/// A place where an owner's work may legitimately appear: its own channel, or a licensee's.
/// Either a platform organization on ReelRights (it screens uploads here) or a URL prefix (a
/// channel page on a video site). Without a work it covers all of the owner's works.
/// </summary>
public sealed class AuthorizedChannel
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? WorkId { get; set; }
    public ChannelKind Kind { get; set; }
    public Guid? PlatformOrganizationId { get; set; }
    public string? UrlPrefix { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum ChannelKind
{
    /// <summary>The owner's own channel (自有渠道).</summary>
    Own,
    /// <summary>A licensee's channel (授权渠道).</summary>
    Licensed,
}

/// <summary>How a match found by monitoring or screening is classified.</summary>
public enum MatchClass
{
    /// <summary>On the owner's own channel.</summary>
    OwnChannel,
    /// <summary>On a channel the owner licensed.</summary>
    Licensed,
    /// <summary>A confident match on a channel with no right to it: suspected infringement.</summary>
    Suspected,
    /// <summary>A weaker match (one modality, or a score in the review band): a person should look.</summary>
    NeedsReview,
    /// <summary>On a licensee's channel after its license ended: not plain piracy, but no longer licensed.</summary>
    LicenseExpired,
    /// <summary>On a licensee's channel, but outside what the license covers (episode, territory, platform, not started).</summary>
    OutsideLicenseScope,
}

/// <summary>Where a candidate copy was found: a platform organization (screening) or a URL (monitoring), and the territory it is served in when the source says.</summary>
public sealed record CandidateChannel(Guid? PlatformOrganizationId, string? Url, string? Territory = null);
