using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Licensing;

/// <summary>
/// Everything that decides how copies of one owner's work are judged, loaded once: the owner's
/// declared channels, and the work's licenses in force or ended with their licensees' channels.
/// Monitoring and screening ask it per match; re-classification asks it for every open hit.
/// </summary>
public sealed class ChannelRules
{
    /// <summary>Rights under which a licensee may carry the episode itself; adaptation or translation alone do not.</summary>
    private const LicenseRight CarriesTheEpisode = LicenseRight.Streaming | LicenseRight.Broadcast | LicenseRight.Dubbing | LicenseRight.Subtitles | LicenseRight.Clips;

    private readonly IReadOnlyList<AuthorizedChannel> declared;
    private readonly IReadOnlyList<(License License, LicenseTerms Terms, IReadOnlySet<string> Territories, IReadOnlyList<LicenseChannel> Channels)> licenses;
    private readonly DateOnly today;

    private ChannelRules(IReadOnlyList<AuthorizedChannel> declared, IReadOnlyList<(License, LicenseTerms, IReadOnlySet<string>, IReadOnlyList<LicenseChannel>)> licenses, DateOnly today)
    {
        this.declared = declared;
        this.licenses = licenses;
        this.today = today;
    }

    public static async Task<ChannelRules> LoadAsync(ReelRightsDbContext db, Guid ownerOrganizationId, Guid workId, DateOnly today, CancellationToken cancellationToken)
    {
        var declared = await db.AuthorizedChannels.AsNoTracking()
            .Where(c => c.OrganizationId == ownerOrganizationId && (c.WorkId == null || c.WorkId == workId)).ToListAsync(cancellationToken);
        // Only a license whose licensee declared a channel can decide a copy, so only those are loaded; both queries
        // select by work (a join), never by a list of ids, which SQLite caps at 32,766 parameters.
        var licenses = await db.Licenses.AsNoTracking()
            .Where(l => l.WorkId == workId && l.LicensorOrganizationId == ownerOrganizationId && (l.State == LicenseState.Active || l.State == LicenseState.Terminated)
                && db.LicenseChannels.Any(c => c.LicenseId == l.Id))
            .ToListAsync(cancellationToken);
        var channels = (licenses.Count == 0 ? [] : await (
                from c in db.LicenseChannels.AsNoTracking()
                join l in db.Licenses on c.LicenseId equals l.Id
                where l.WorkId == workId && l.LicensorOrganizationId == ownerOrganizationId
                select c).ToListAsync(cancellationToken))
            .ToLookup(c => c.LicenseId);
        return new ChannelRules(declared,
            licenses.Select(l =>
            {
                var terms = LicenseTerms.FromJson(l.TermsJson);
                // Expanded once: re-classification asks for every open hit of the work.
                return (l, terms, terms.TerritoryCodes(), (IReadOnlyList<LicenseChannel>)channels[l.Id].ToList());
            }).ToList(), today);
    }

    /// <summary>
    /// The owner's own channel first, then a channel the owner declared licensed, then the licenses
    /// whose licensee declared the channel: one in force covering the episode, the territory (when
    /// the source says) and the platform makes the copy licensed; after the term or a termination it
    /// is "license expired"; otherwise "outside license scope". Null: no right found.
    /// </summary>
    public ChannelDecision? Decide(int episodeNumber, CandidateChannel channel, string? platformName)
    {
        var own = declared.Where(c => Matches(c.PlatformOrganizationId, c.UrlPrefix, channel)).Select(c => (ChannelKind?)c.Kind).OrderBy(k => k).FirstOrDefault();
        if (own is { } kind)
        {
            return new ChannelDecision(kind == ChannelKind.Own ? MatchClass.OwnChannel : MatchClass.Licensed);
        }
        ChannelDecision? best = null;
        foreach (var (license, terms, territories, channels) in licenses)
        {
            if (!channels.Any(c => Matches(c.PlatformOrganizationId, c.UrlPrefix, channel)))
            {
                continue;
            }
            var decision = Decide(license, terms, territories, episodeNumber, channel, platformName);
            if (best is null || Rank(decision.Class) < Rank(best.Class))
            {
                best = decision;
            }
        }
        return best;
    }

    private ChannelDecision Decide(License license, LicenseTerms terms, IReadOnlySet<string> territories, int episodeNumber, CandidateChannel channel, string? platformName)
    {
        if (license.State == LicenseState.Terminated || today > license.End)
        {
            return new ChannelDecision(MatchClass.LicenseExpired, license.Code, license.End);
        }
        var inScope = today >= license.Start
            && (terms.Rights & CarriesTheEpisode) != 0
            && (terms.Episodes is null || terms.Episodes.Contains(episodeNumber))
            && (channel.Territory is not { } territory || territories.Contains(territory.Trim().ToUpperInvariant()))
            && (platformName is null || terms.Platforms.Count == 0 || terms.Platforms.Contains(platformName, StringComparer.OrdinalIgnoreCase));
        return new ChannelDecision(inScope ? MatchClass.Licensed : MatchClass.OutsideLicenseScope, license.Code, license.End);
    }

    /// <summary>The most favourable answer wins: one license in force is enough.</summary>
    private static int Rank(MatchClass c) => c switch { MatchClass.Licensed => 0, MatchClass.OutsideLicenseScope => 1, _ => 2 };

    private static bool Matches(Guid? platform, string? prefix, CandidateChannel candidate) =>
        (candidate.PlatformOrganizationId is { } p && platform == p)
        || (candidate.Url is { } url && prefix is not null && ChannelUrls.UrlStartsWith(url, prefix));
}
