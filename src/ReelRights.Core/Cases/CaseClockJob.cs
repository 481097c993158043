using System.Text.Json;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Cases;

/// <summary>
/// A case clock's reminder or expiry, queued when the clock starts and due at its time. Durable
/// like every job, so a restart neither loses one nor (the deadline's state and the case's version
/// guard the move) repeats one.
/// </summary>
public sealed class CaseClockJob(CaseMoves moves) : IJobHandler
{
    public const string JobKind = "case-clock";

    public string Kind => JobKind;

    public static string Payload(Guid deadlineId, bool remind) => JsonSerializer.Serialize(new { deadlineId, remind });

    public Task<JobOutcome> RunAsync(Job job, Func<double, Task> reportProgress, CancellationToken cancellationToken)
    {
        var payload = JsonDocument.Parse(job.Payload).RootElement;
        return moves.RunClockAsync(payload.GetProperty("deadlineId").GetGuid(), payload.GetProperty("remind").GetBoolean(), cancellationToken);
    }
}
