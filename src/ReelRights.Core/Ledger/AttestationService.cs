using System.Text.Json;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Ledger;

/// <summary>
/// 存证 of any document an organization holds: the digest (never the document) is sealed on the
/// log with the organization's name and the time, and the caller gets a receipt.
/// </summary>
public sealed class AttestationService(LedgerAppender appender, ReelRightsDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<LedgerAppendResult> AttestAsync(Actor actor, string title, string sha256, string? sm3, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.LedgerAttest);
        var name = Validation.Text(title, "title", 300);
        var digest = Validation.HexDigest(sha256, "sha256");
        var sm3Digest = string.IsNullOrWhiteSpace(sm3) ? null : Validation.HexDigest(sm3, "sm3");
        var org = await db.Organizations.FindAsync([actor.OrganizationId], cancellationToken) ?? throw ReelRightsException.NotFound("组织");
        var payload = new Dictionary<string, object?>
        {
            ["organization"] = new Dictionary<string, string> { ["id"] = org.Id.ToString(), ["name"] = org.Name },
            ["title"] = name,
            ["sha256"] = digest,
            ["sm3"] = sm3Digest,
            ["attestedBy"] = (actor.UserId ?? actor.ApiKeyId)?.ToString(),
            ["attestedAt"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (sm3Digest is null)
        {
            payload.Remove("sm3");
        }
        var record = LedgerRecord.Create(LedgerRecordType.Attestation, JsonSerializer.SerializeToUtf8Bytes(payload));
        var result = await appender.AppendAsync(record, org.Id, cancellationToken);
        audit.Record(actor, org.Id, "ledger.attested", result.LeafIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{name} {digest}");
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
