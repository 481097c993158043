using System.Buffers;
using System.Security.Cryptography;

namespace ReelRights.Ledger.Merkle;

/// <summary>
/// RFC 6962 §2.1 / RFC 9162 §2.1 Merkle tree hashing with SHA-256. Leaves and interior nodes are
/// domain-separated by a prefix byte (0x00 and 0x01) so a leaf can never be passed off as a node
/// (the second-preimage defence described in RFC 9162 §2.1).
/// </summary>
public static class MerkleHasher
{
    /// <summary>Length in bytes of every hash in the tree (SHA-256).</summary>
    public const int HashSize = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;
    private const int StackLimit = 1024;

    /// <summary>
    /// The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1, MTH({})).
    /// </summary>
    public static ReadOnlyMemory<byte> EmptyRoot { get; } = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>Computes the leaf hash SHA-256(0x00 || <paramref name="leafData"/>).</summary>
    /// <param name="leafData">The exact bytes stored in the log for this entry.</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] HashLeaf(ReadOnlySpan<byte> leafData)
    {
        // One-shot hashing of a copy with the prefix costs less than an IncrementalHash's set-up.
        var length = 1 + leafData.Length;
        var rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        var buffer = rented is null ? stackalloc byte[StackLimit] : rented;
        try
        {
            buffer[0] = LeafPrefix;
            leafData.CopyTo(buffer[1..]);
            return SHA256.HashData(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Computes the interior node hash SHA-256(0x01 || left || right).</summary>
    /// <param name="left">Hash of the left subtree (32 bytes).</param>
    /// <param name="right">Hash of the right subtree (32 bytes).</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var result = new byte[HashSize];
        HashChildren(left, right, result);
        return result;
    }

    /// <summary>
    /// Computes the Merkle tree hash (RFC 9162 §2.1.1) of the given leaf hashes, in order.
    /// Streams the leaves once and keeps only O(log n) hashes, so it suits large logs.
    /// </summary>
    /// <param name="leafHashes">Leaf hashes (already passed through <see cref="HashLeaf"/>).</param>
    /// <returns>The 32-byte root; <see cref="EmptyRoot"/> when there are no leaves.</returns>
    public static byte[] ComputeRoot(IEnumerable<ReadOnlyMemory<byte>> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);

        // A "compact range": perfect subtrees of strictly decreasing size, left to right. Adding a
        // leaf merges equal-sized neighbours exactly as a binary counter carries.
        var stack = new List<(byte[] Hash, long Size)>();
        foreach (var leaf in leafHashes)
        {
            RequireHashSize(leaf.Span, nameof(leafHashes));
            (byte[] Hash, long Size) top = (leaf.ToArray(), 1);
            while (stack.Count > 0 && stack[^1].Size == top.Size)
            {
                var left = stack[^1];
                stack.RemoveAt(stack.Count - 1);
                top = (HashChildren(left.Hash, top.Hash), left.Size * 2);
            }

            stack.Add(top);
        }

        if (stack.Count == 0)
        {
            return EmptyRoot.ToArray();
        }

        // RFC 9162 §2.1.1 splits at the largest power of two, so the remaining subtrees fold from
        // the right: MTH = H(s0, H(s1, ... H(s[k-2], s[k-1]))).
        var root = stack[^1].Hash;
        for (var i = stack.Count - 2; i >= 0; i--)
        {
            root = HashChildren(stack[i].Hash, root);
        }

        return root;
    }

    internal static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        RequireHashSize(left, nameof(left));
        RequireHashSize(right, nameof(right));
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        SHA256.HashData(buffer, destination);
    }

    internal static void RequireHashSize(ReadOnlySpan<byte> hash, string parameterName)
    {
        if (hash.Length != HashSize)
        {
            throw new ArgumentException($"A Merkle hash is {HashSize} bytes, got {hash.Length}.", parameterName);
        }
    }
}
