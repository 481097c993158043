using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Licensing;

/// <summary>The directory monitoring and screening ask, answering from the owner's channels and the work's licenses (see <see cref="ChannelRules"/>); today is China time.</summary>
public sealed class LicensedChannelDirectory(ReelRightsDbContext db, TimeProvider time) : ILicenseDirectory
{
    public async Task<ChannelDecision?> DecideAsync(Guid ownerOrganizationId, Guid workId, int episodeNumber, CandidateChannel channel, CancellationToken cancellationToken)
    {
        var rules = await ChannelRules.LoadAsync(db, ownerOrganizationId, workId, LicensingClock.Today(time), cancellationToken);
        var platformName = channel.PlatformOrganizationId is { } platform
            ? await db.Organizations.AsNoTracking().Where(o => o.Id == platform).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return rules.Decide(episodeNumber, channel, platformName);
    }
}
