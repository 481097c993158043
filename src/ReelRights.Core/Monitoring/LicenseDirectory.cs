namespace ReelRights.Core.Monitoring;

/// <summary>
/// Answers whether a channel may carry an episode of a work: the owner's declared channels, and
/// (with the trading service) the licenses whose licensee declared the channel. Null: no right
/// found, so the match is judged by its score.
/// </summary>
public interface ILicenseDirectory
{
    Task<ChannelDecision?> DecideAsync(Guid ownerOrganizationId, Guid workId, int episodeNumber, CandidateChannel channel, CancellationToken cancellationToken);
}

/// <summary>How a channel stands for a work, and the license that decided it (none for the owner's declared channels).</summary>
public sealed record ChannelDecision(MatchClass Class, string? LicenseCode = null, DateOnly? LicenseEnd = null);

/// <summary>How a copy's URL is matched against a declared channel's URL prefix.</summary>
public static class ChannelUrls
{
    /// <summary>Prefix match on a normalized URL (scheme and host case-insensitive), on a path-segment boundary.</summary>
    public static bool UrlStartsWith(string url, string prefix)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || !Uri.TryCreate(prefix, UriKind.Absolute, out var p))
        {
            return false;
        }
        if (!string.Equals(u.Scheme, p.Scheme, StringComparison.OrdinalIgnoreCase) || !string.Equals(u.Host, p.Host, StringComparison.OrdinalIgnoreCase) || u.Port != p.Port)
        {
            return false;
        }
        var prefixPath = p.AbsolutePath.TrimEnd('/');
        var path = u.AbsolutePath;
        return prefixPath.Length == 0 || path == prefixPath || path.StartsWith(prefixPath + "/", StringComparison.Ordinal);
    }
}
