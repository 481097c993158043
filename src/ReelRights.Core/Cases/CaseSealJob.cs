using System.Text.Json;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Cases;

/// <summary>Seals whatever steps of a case are still unsealed (the fallback behind the inline seal).</summary>
public sealed class CaseSealJob(CaseSealer sealer) : IJobHandler
{
    public const string JobKind = "case-seal";

    public string Kind => JobKind;

    public static string Payload(Guid caseId) => JsonSerializer.Serialize(new { caseId });

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        var caseId = JsonDocument.Parse(job.Payload).RootElement.GetProperty("caseId").GetGuid();
        await sealer.SealPendingAsync(caseId, cancellationToken);
        return JobOutcome.Done;
    }
}
