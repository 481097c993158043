using System.Text.Json;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Licensing;

/// <summary>Seals whatever of a deal (signatures, license steps) is still unsealed: the fallback behind the inline seal.</summary>
public sealed class LicenseSealJob(LicenseSealer sealer) : IJobHandler
{
    public const string JobKind = "license-seal";

    public string Kind => JobKind;

    public static string Payload(Guid dealId) => JsonSerializer.Serialize(new { dealId });

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        await sealer.SealDealAsync(JsonDocument.Parse(job.Payload).RootElement.GetProperty("dealId").GetGuid(), cancellationToken);
        return JobOutcome.Done;
    }
}
