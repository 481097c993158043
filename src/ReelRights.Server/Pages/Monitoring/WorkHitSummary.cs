using ReelRights.Core.Monitoring;
using ReelRights.Core.Works;

namespace ReelRights.Server.Pages.Monitoring;

/// <summary>A work's hits counted by class (dismissed ones apart), as the monitoring overview lists them.</summary>
public sealed record WorkHitSummary(Work Work, IReadOnlyDictionary<MatchClass, int> Open, int Dismissed)
{
    public int Total => Open.Values.Sum() + Dismissed;

    public int Count(MatchClass value) => Open.GetValueOrDefault(value);
}
