using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;

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

/// <summary>The owner-declared channels (<c>authorized_channels</c>).</summary>
public sealed class DeclaredChannelDirectory(ReelRightsDbContext db) : ILicenseDirectory
{
    public async Task<ChannelDecision?> DecideAsync(Guid ownerOrganizationId, Guid workId, int episodeNumber, CandidateChannel channel, CancellationToken cancellationToken) =>
        await ChannelKindAsync(ownerOrganizationId, workId, channel, cancellationToken) switch
        {
            ChannelKind.Own => new ChannelDecision(MatchClass.OwnChannel),
            ChannelKind.Licensed => new ChannelDecision(MatchClass.Licensed),
            _ => null,
        };

    public async Task<ChannelKind?> ChannelKindAsync(Guid ownerOrganizationId, Guid workId, CandidateChannel channel, CancellationToken cancellationToken)
    {
        var declared = await db.AuthorizedChannels.AsNoTracking()
            .Where(c => c.OrganizationId == ownerOrganizationId && (c.WorkId == null || c.WorkId == workId))
            .ToListAsync(cancellationToken);
        var matching = declared.Where(c =>
            (channel.PlatformOrganizationId is { } platform && c.PlatformOrganizationId == platform)
            || (channel.Url is { } url && c.UrlPrefix is { } prefix && UrlStartsWith(url, prefix)));
        // Own wins over licensed when both are declared.
        return matching.Select(c => (ChannelKind?)c.Kind).OrderBy(k => k).FirstOrDefault();
    }

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
