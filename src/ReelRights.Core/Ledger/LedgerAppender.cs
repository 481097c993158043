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
    private readonly Channel<Pending>? stamping;
    private readonly Task[] stampers = [];
    private AsyncServiceScope? loopScope;
    private (long Size, byte[] Root)? lastSigned;

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
        if (timestamper.SignsInProcess)
        {
            // Signing is pure CPU: one worker per core but one, leaving a core for the commit loop.
            var workers = Math.Max(1, Environment.ProcessorCount - 1);
            var channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = workers == 1 });
            stamping = channel;
            stampers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => StampAsync(channel.Reader))).ToArray();
        }
    }

    /// <summary>Appends a record; completes once it is committed, with its receipt.</summary>
    public async Task<LedgerAppendResult> AppendAsync(LedgerRecord record, Guid? organizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Encoding and hashing happen here, on the caller's thread, so concurrent callers spread
        // that CPU work over all cores while the commit loop writes the previous batch.
        var leaf = record.ToCanonicalBytes();
        var pending = new Pending(record, leaf, MerkleHasher.HashLeaf(leaf), organizationId);
        // The token covers only the leaf hash, not its position, so it can precede sequencing.
        // A remote TSA is asked by each caller (the wait is the network's); the local one signs
        // on the appender's stamping workers, which pass each entry straight on to the commit
        // loop: one hand-over per entry instead of a wait for a signing slot and then another.
        if (stamping is null)
        {
            pending.Token = await timestamper.TimestampAsync(pending.LeafHash, cancellationToken);
        }
        if (!(stamping ?? queue).Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The ledger is shutting down.");
        }
        // Cancelling stops the wait, not the append: once queued, the entry may still be committed.
        var committed = await pending.Completion.Task.WaitAsync(cancellationToken);
        // The inclusion proof is built here too, from the batch's hashes held in memory.
        var proof = await new MerkleProofBuilder(committed.Hashes).GetInclusionProofAsync(committed.Index, committed.Size, CancellationToken.None);
        return new LedgerAppendResult(committed.Index, new Receipt(leaf, committed.Index, proof, committed.Note, pending.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (stamping is not null)
        {
            stamping.Writer.TryComplete();
            await Task.WhenAll(stampers);
        }
        queue.Writer.TryComplete();
        await loop;
    }

    /// <summary>Time-stamps queued entries with the local TSA and hands them to the commit loop.</summary>
    private async Task StampAsync(ChannelReader<Pending> reader)
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var pending))
            {
                try
                {
                    pending.Token = await timestamper.TimestampAsync(pending.LeafHash, CancellationToken.None);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    pending.Completion.TrySetException(e);
                    continue;
                }
                if (!queue.Writer.TryWrite(pending))
                {
                    pending.Completion.TrySetException(new InvalidOperationException("The ledger is shutting down."));
                }
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        try
        {
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
                    // Start the next batch from storage, on a fresh connection.
                    lastSigned = null;
                    await CloseLoopScopeAsync();
                    foreach (var p in batch)
                    {
                        p.Completion.TrySetException(e);
                    }
                }
            }
        }
        finally
        {
            await CloseLoopScopeAsync();
        }
    }

    private async Task<ReelRightsDbContext> LoopDbAsync()
    {
        if (loopScope is { } existing)
        {
            return existing.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        }
        // One connection for the loop's lifetime: opening one per batch costs more than its writes.
        var scope = scopes.CreateAsyncScope();
        loopScope = scope;
        var db = scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>();
        await db.Database.OpenConnectionAsync();
        return db;
    }

    private async Task CloseLoopScopeAsync()
    {
        if (loopScope is { } scope)
        {
            loopScope = null;
            await scope.DisposeAsync();
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        var db = await LoopDbAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var writer = new LedgerBatchWriter(db.Database.GetDbConnection(), tx.GetDbTransaction(), provider);
        var (origin, start) = await writer.LockStateAsync();
        var frontier = await LoadFrontierAsync(db, start);
        var known = frontier.Subtrees().ToDictionary();
        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<LedgerEntry>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            entries.Add(new LedgerEntry
            {
                LeafIndex = start + i,
                LeafHash = batch[i].LeafHash,
                Data = batch[i].Leaf,
                RecordType = LedgerRecord.ToWireName(batch[i].Record.Type),
                OrganizationId = batch[i].OrganizationId,
                TimestampToken = batch[i].Token,
                CreatedAt = now,
            });
            frontier.Append(batch[i].LeafHash, (id, hash) => known[id] = hash);
        }
        await writer.InsertEntriesAsync(entries);
        // Leaf hashes are stored with their entries; ledger_nodes keeps level 1 and up.
        await writer.InsertNodesAsync(known.Where(n => n.Key.Level > 0 && n.Key.FirstLeaf + n.Key.LeafCount > start)
            .Select(n => new LedgerNode { Level = n.Key.Level, NodeIndex = n.Key.Index, Hash = n.Value }));

        var size = frontier.Size;
        var root = frontier.Root();
        var note = new Checkpoint(origin, size, root).Sign(await keyring.ActiveSignersAsync(db, CancellationToken.None));
        await writer.InsertCheckpointAndSetSizeAsync(new LedgerCheckpoint { TreeSize = size, RootHash = root, Note = note, CreatedAt = now });
        await tx.CommitAsync();
        lastSigned = (size, root);

        // Every hash a proof in this batch needs is either a frontier subtree from before the
        // batch or a node the batch completed (RFC 9162 §2.1.3's PATH only ever asks for those),
        // so callers build their proofs from memory.
        var hashes = new BatchHashSource(known, scopes);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(new Committed(start + i, size, note, hashes));
        }
    }

    /// <summary>
    /// The tree's right edge as stored, checked before anything is built on it: its root must be
    /// the root this appender last signed or, after a restart or another node's append, the root
    /// of the latest stored checkpoint. The log therefore never signs a checkpoint that does not
    /// extend the previous one, even when its storage was damaged or edited.
    /// </summary>
    private async Task<MerkleFrontier> LoadFrontierAsync(ReelRightsDbContext db, long size)
    {
        var ids = MerkleFrontier.FrontierNodes(size);
        var frontier = MerkleFrontier.FromNodes(size, ids.Count == 0 ? [] : await new DbMerkleHashSource(db).GetNodeHashesAsync(ids, CancellationToken.None));
        if (size == 0)
        {
            return frontier;
        }
        var expected = lastSigned is { } last && last.Size == size
            ? last.Root
            : (await db.LedgerCheckpoints.AsNoTracking().Where(c => c.TreeSize == size).Select(c => c.RootHash).FirstOrDefaultAsync()) ?? [];
        if (!frontier.Root().AsSpan().SequenceEqual(expected))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "ledger-inconsistent",
                $"存储的日志与大小为 {size} 的检查点不一致，拒绝签名；请运行 reelrights ledger check。",
                $"The stored ledger tree does not match checkpoint {size}; refusing to sign. Run `reelrights ledger check`.");
        }
        return frontier;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger batch of {Count} entries failed; nothing was committed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed class Pending(LedgerRecord record, byte[] leaf, byte[] leafHash, Guid? organizationId)
    {
        public LedgerRecord Record { get; } = record;
        public byte[] Leaf { get; } = leaf;
        public byte[] LeafHash { get; } = leafHash;
        public Guid? OrganizationId { get; } = organizationId;
        /// <summary>Set once, before the entry reaches the commit loop.</summary>
        public byte[] Token { get; set; } = [];
        public TaskCompletionSource<Committed> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Committed(long Index, long Size, string Note, BatchHashSource Hashes);

    /// <summary>A committed batch's subtree hashes, shared read-only by its callers' proof builders.</summary>
    private sealed class BatchHashSource(Dictionary<MerkleNodeId, byte[]> known, IServiceScopeFactory scopes) : IMerkleHashSource
    {
        public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> GetNodeHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken)
        {
            var hashes = new ReadOnlyMemory<byte>[nodes.Count];
            for (var i = 0; i < hashes.Length; i++)
            {
                if (!known.TryGetValue(nodes[i], out var hash))
                {
                    return FromDatabaseAsync(nodes, cancellationToken);
                }
                hashes[i] = hash;
            }
            return ValueTask.FromResult<IReadOnlyList<ReadOnlyMemory<byte>>>(hashes);
        }

        private async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>> FromDatabaseAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await new DbMerkleHashSource(scope.ServiceProvider.GetRequiredService<ReelRightsDbContext>()).GetNodeHashesAsync(nodes, cancellationToken);
        }
    }
}
