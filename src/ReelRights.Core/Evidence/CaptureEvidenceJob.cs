using System.Text.Json;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Evidence;

/// <summary>Runs one capture (see <see cref="EvidenceService.CaptureAsync"/>).</summary>
public sealed class CaptureEvidenceJob(EvidenceService evidence) : IJobHandler
{
    public string Kind => EvidenceService.CaptureJob;

    public async Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        await evidence.CaptureAsync(JsonDocument.Parse(job.Payload).RootElement.GetProperty("bundleId").GetGuid(), cancellationToken);
        return JobOutcome.Done;
    }
}
