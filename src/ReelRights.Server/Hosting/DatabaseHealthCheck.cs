using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReelRights.Core.Data;

namespace ReelRights.Server.Hosting;

internal sealed class DatabaseHealthCheck(ReelRightsDbContext db, IDatabaseProvider provider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(provider.Name)
            : HealthCheckResult.Unhealthy($"{provider.Name} is not reachable");
}
