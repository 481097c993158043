using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;

namespace ReelRights.Core.Cases;

/// <summary>How long each clock runs: the platform's reasonable period, the Content ID review periods, the 30-day confirmation window.</summary>
internal static class ClockRules
{
    public static async Task<ClockRule> ForAsync(ReelRightsDbContext db, EnforcementCase c, ClockKind clock, CancellationToken cancellationToken)
    {
        switch (clock)
        {
            case ClockKind.ComplaintPeriod:
                var policy = c.PlatformOrganizationId is { } platform
                    ? await db.PlatformCasePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == platform, cancellationToken)
                    : null;
                return policy is null ? PlatformCasePolicy.DefaultFor(eCommerce: false) : new ClockRule(policy.ComplaintPeriodAmount, policy.ComplaintPeriodUnit);
            case ClockKind.DisputeReview:
                return new ClockRule(30, ClockUnit.ElapsedDays);
            case ClockKind.AppealReview:
                return new ClockRule(7, ClockUnit.ElapsedDays);
            default:
                return new ClockRule(30, ClockUnit.CalendarDays);
        }
    }
}
