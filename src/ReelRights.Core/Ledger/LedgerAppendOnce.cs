using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Appending a record that may already be on the ledger: a sealing job retried after its append but
/// before it saved the leaf index finds the leaf by its hash instead of appending it twice.
/// </summary>
public static class LedgerAppendOnce
{
    /// <summary>The leaf index of <paramref name="record"/>, appended only when no leaf with its hash exists.</summary>
    public static async Task<long> AppendOnceAsync(this LedgerAppender appender, LedgerReader ledger, LedgerRecord record, Guid? organizationId,
        CancellationToken cancellationToken)
    {
        var existing = await ledger.EntryByLeafHashAsync(MerkleHasher.HashLeaf(record.ToCanonicalBytes()), cancellationToken);
        return existing?.LeafIndex ?? (await appender.AppendAsync(record, organizationId, cancellationToken)).LeafIndex;
    }
}
