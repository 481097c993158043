using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using IDatabaseProvider = ReelRights.Core.Data.IDatabaseProvider;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReelRights.Core.Data;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Appends records with group commit: callers queue, one loop takes everything queued and commits
/// it as one transaction (entries, new subtree hashes, a signed checkpoint, the new size), and
/// only then answers each caller. An acknowledged append is therefore durable, and a crash in the
/// middle of a batch rolls the whole batch back, leaving the log exactly as the last checkpoint
/// says. Across nodes, appends serialize on the locked state row.
/// </summary>
public sealed partial class LedgerAppender : IAsyncDisposable
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory scopes;
    private readonly LedgerKeyring keyring;
    private readonly ITimestamper timestamper;
    private readonly IDatabaseProvider provider;
    private readonly TimeProvider time;
    private readonly ILogger<LedgerAppender> logger;
    private readonly int maxBatch;
    private readonly Task loop;

    public LedgerAppender(IServiceScopeFactory scopes, LedgerKeyring keyring, ITimestamper timestamper, IDatabaseProvider provider,
        TimeProvider time, IOptions<LedgerOptions> options, ILogger<LedgerAppender> logger)
    {
        this.scopes = scopes;
        this.keyring = keyring;
        this.timestamper = timestamper;
        this.provider = provider;
        this.time = time;
        this.logger = logger;
        maxBatch = Math.Max(1, options.Value.MaxBatch);
        loop = Task.Run(RunAsync);
    }

    /// <summary>Appends a record; completes once it is committed, with its receipt.</summary>
    public async Task<LedgerAppendResult> AppendAsync(LedgerRecord record, Guid? organizationId, CancellationToken cancellationToken)
    {
        var pending = new Pending(record, organizationId, new TaskCompletionSource<LedgerAppendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The ledger is shutting down.");
        }
        // Cancelling stops the wait, not the append: once queued, the entry may still be committed.
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogBatchFailed(logger, e, batch.Count);
                foreach (var p in batch)
                {
                    p.Completion.TrySetException(e);
                }
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        var leaves = batch.Select(p => p.Record.ToCanonicalBytes()).ToList();
        var hashes = leaves.Select(l => MerkleHasher.HashLeaf(l)).ToList();
        // Time stamps first, outside the transaction, so the log lock is held only for the writes.
        var tokens = await timestamper.TimestampAllAsync(hashes, CancellationToken.None);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var writer = new LedgerBatchWriter(db.Database.GetDbConnection(), tx.GetDbTransaction(), provider);
        var state = (await db.LedgerStates.FromSqlRaw(provider.LockLedgerStateSql).AsNoTracking().ToListAsync()).Single();
        var start = state.TreeSize;
        var now = time.GetUtcNow().UtcDateTime;
        var nodes = new Dictionary<MerkleNodeId, byte[]>();
        var entries = new List<LedgerEntry>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var index = start + i;
            entries.Add(new LedgerEntry
            {
                LeafIndex = index,
                LeafHash = hashes[i],
                Data = leaves[i],
                RecordType = LedgerRecord.ToWireName(batch[i].Record.Type),
                OrganizationId = batch[i].OrganizationId,
                TimestampToken = tokens[i],
                CreatedAt = now,
            });
            await AddCompletedNodesAsync(db, nodes, index, hashes[i]);
        }
        await writer.InsertEntriesAsync(entries);
        await writer.InsertNodesAsync(nodes.Select(n => new LedgerNode { Level = n.Key.Level, NodeIndex = n.Key.Index, Hash = n.Value }));

        var size = start + batch.Count;
        // The source caches what it reads; give it a copy so `nodes` stays the batch's new rows.
        var builder = new MerkleProofBuilder(new DbMerkleHashSource(db, new Dictionary<MerkleNodeId, byte[]>(nodes)));
        var root = (await builder.GetRootAsync(size, CancellationToken.None)).ToArray();
        await EnsureConsistentWithLastCheckpointAsync(db, builder, size, root);
        var note = new Checkpoint(state.Origin, size, root).Sign(await keyring.ActiveSignersAsync(db, CancellationToken.None));
        await writer.InsertCheckpointAndSetSizeAsync(new LedgerCheckpoint { TreeSize = size, RootHash = root, Note = note, CreatedAt = now });
        await tx.CommitAsync();

        for (var i = 0; i < batch.Count; i++)
        {
            var proof = await builder.GetInclusionProofAsync(start + i, size, CancellationToken.None);
            batch[i].Completion.TrySetResult(new LedgerAppendResult(start + i, new Receipt(leaves[i], start + i, proof, note, tokens[i])));
        }
    }

    /// <summary>
    /// Adds leaf <paramref name="index"/> and every subtree it completes: leaf i closes a subtree
    /// at each level k where the low k bits of i are all ones (RFC 9162 §2.1.1's tree shape).
    /// </summary>
    private static async Task AddCompletedNodesAsync(ReelRightsDbContext db, Dictionary<MerkleNodeId, byte[]> nodes, long index, byte[] leafHash)
    {
        var node = new MerkleNodeId(0, index);
        var hash = leafHash;
        nodes[node] = hash;
        while ((node.Index & 1) == 1)
        {
            var leftId = new MerkleNodeId(node.Level, node.Index - 1);
            if (!nodes.TryGetValue(leftId, out var left))
            {
                left = (await db.LedgerNodes.AsNoTracking().SingleAsync(n => n.Level == leftId.Level && n.NodeIndex == leftId.Index)).Hash;
            }
            hash = MerkleHasher.HashChildren(left, hash);
            node = new MerkleNodeId(node.Level + 1, node.Index >> 1);
            nodes[node] = hash;
        }
    }

    /// <summary>
    /// Refuses to sign a checkpoint that is not an extension of the previous one. By construction
    /// it always is; this catches damaged or tampered storage before a bad signature exists.
    /// </summary>
    private static async Task EnsureConsistentWithLastCheckpointAsync(ReelRightsDbContext db, MerkleProofBuilder builder, long size, byte[] root)
    {
        var last = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync();
        if (last is null || last.TreeSize == 0)
        {
            return;
        }
        var proof = await builder.GetConsistencyProofAsync(last.TreeSize, size, CancellationToken.None);
        if (!MerkleProofVerifier.VerifyConsistency(last.TreeSize, size, proof, last.RootHash, root))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "ledger-inconsistent",
                $"存储的日志与大小为 {last.TreeSize} 的检查点不一致，拒绝签名；请运行 reelrights ledger check。",
                $"Ledger tree of size {size} is not consistent with checkpoint {last.TreeSize}; refusing to sign. Run `reelrights ledger check`.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger batch of {Count} entries failed; nothing was committed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed record Pending(LedgerRecord Record, Guid? OrganizationId, TaskCompletionSource<LedgerAppendResult> Completion);
}
