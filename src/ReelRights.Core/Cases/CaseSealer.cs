using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Cases;

/// <summary>
/// Seals each step of a case as a "case-transition" ledger leaf: case, step, from, to, who, when
/// and the digest of what it carried. A step is committed first and sealed right after; a step a
/// crash left unsealed is sealed by the next <see cref="CaseSealJob"/>. The leaf bytes follow from
/// the step alone, so a step already on the ledger (sealed, then the crash) is found by its leaf
/// hash and never appended twice.
/// </summary>
public sealed class CaseSealer(ReelRightsDbContext db, LedgerAppender appender, LedgerReader ledger)
{
    public async Task SealPendingAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId, cancellationToken);
        var pending = await db.CaseEvents.Where(e => e.CaseId == caseId && e.LedgerIndex == null)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        foreach (var step in pending)
        {
            var record = Record(c, step);
            step.LedgerIndex = await appender.AppendOnceAsync(ledger, record, c.ClaimantOrganizationId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The leaf of one step (record type "case-transition", payload v1).</summary>
    public static LedgerRecord Record(EnforcementCase c, CaseEvent step)
    {
        var payload = new Dictionary<string, object?>
        {
            ["case"] = c.Id.ToString(),
            ["number"] = c.Number,
            ["kind"] = Wire(c.Kind.ToString()),
            ["step"] = step.Sequence,
            ["action"] = step.Action is { } a ? Wire(a.ToString()) : "open",
            ["from"] = step.FromState is { } f ? Wire(f.ToString()) : null,
            ["to"] = Wire(step.ToState.ToString()),
            ["actor"] = new Dictionary<string, object?>
            {
                ["role"] = Wire(step.ActorRole.ToString()),
                ["organization"] = step.ActorOrganizationId?.ToString(),
                ["user"] = step.ActorUserId?.ToString(),
            },
            ["at"] = step.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["attachmentsSha256"] = step.AttachmentsSha256,
            ["work"] = c.WorkId.ToString(),
        };
        if (step.AttachmentsSm3 is { } sm3)
        {
            // Only a signing or settling step carries it, so the leaves of every other step keep their v1 bytes.
            payload["attachmentsSm3"] = sm3;
        }
        return LedgerRecord.Create(LedgerRecordType.CaseTransition, JsonSerializer.SerializeToElement(payload));
    }

    /// <summary>Enum names as the API writes them: kebab-case.</summary>
    public static string Wire(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
