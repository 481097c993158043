using System.Text.Json;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Licensing;

/// <summary>Seals whatever of a deal (signatures, license steps) or of a license (steps, statements, payments) is still unsealed: the fallback behind the inline seal.</summary>
public sealed class LicenseSealJob(LicenseSealer sealer) : IJobHandler
{
    public const string JobKind = "license-seal";

    public string Kind => JobKind;

    public static string Payload(Guid dealId) => JsonSerializer.Serialize(new { dealId });

    /// <summary>For a license's own records after signing: its steps, confirmed statements and payments.</summary>
    public static string LicensePayload(Guid licenseId) => JsonSerializer.Serialize(new { licenseId });

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        var payload = JsonDocument.Parse(job.Payload).RootElement;
        if (payload.TryGetProperty("licenseId", out var license))
        {
            await sealer.SealLicenseAsync(license.GetGuid(), cancellationToken);
            await sealer.SealRoyaltiesAsync(license.GetGuid(), cancellationToken);
        }
        else
        {
            await sealer.SealDealAsync(payload.GetProperty("dealId").GetGuid(), cancellationToken);
        }
        return JobOutcome.Done;
    }
}
