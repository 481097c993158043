using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Replaces the checkpoint signing key. The rotation is itself a leaf, and the checkpoint that
/// includes it is signed by both the old and the new key, so anyone who pinned the old key can
/// follow the hand-over; only then is the old key retired (kept listed for old receipts).
/// </summary>
public sealed class LedgerKeyRotation(ReelRightsDbContext db, LedgerKeyring keyring, LedgerAppender appender, TimeProvider time)
{
    public async Task<LedgerAppendResult> RotateAsync(CancellationToken cancellationToken)
    {
        var state = await db.LedgerStates.AsNoTracking().SingleAsync(cancellationToken);
        var previous = await db.LedgerKeys.Where(k => k.RetiredAt == null).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        // Each algorithm in use gets a fresh key (Ed25519, and SM2 when that line is on).
        var fresh = previous.Select(k => k.Algorithm).DefaultIfEmpty("ed25519").Distinct()
            .Select(a => keyring.NewKey(state.Origin, now, a)).ToList();
        db.LedgerKeys.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken);

        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["origin"] = state.Origin,
            ["previousKeys"] = previous.Select(k => k.VerifierKey).ToArray(),
            ["newKeys"] = fresh.Select(k => k.VerifierKey).ToArray(),
        });
        var result = await appender.AppendAsync(LedgerRecord.Create(LedgerRecordType.KeyRotation, payload), null, cancellationToken);

        foreach (var key in previous)
        {
            key.RetiredAt = time.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
