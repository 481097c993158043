namespace ReelRights.Ledger.Merkle;

/// <summary>
/// Verifies inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 describe.
/// Every malformed input (negative or out-of-range sizes, hashes that are not 32 bytes, extra or
/// missing proof elements) makes verification fail rather than throw.
/// </summary>
public static class MerkleProofVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree with <paramref name="root"/>.</summary>
    /// <param name="leafHash">RFC 6962 leaf hash of the entry.</param>
    /// <param name="index">Claimed leaf index.</param>
    /// <param name="size">Tree size the root belongs to.</param>
    /// <param name="proof">Audit path, leaf sibling first.</param>
    /// <param name="root">Trusted root hash at <paramref name="size"/>.</param>
    /// <returns>True only if the proof is valid.</returns>
    public static bool VerifyInclusion(
        ReadOnlySpan<byte> leafHash,
        long index,
        long size,
        IReadOnlyList<ReadOnlyMemory<byte>> proof,
        ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || !IsHash(leafHash) || !IsHash(root) || !AllHashes(proof))
        {
            return false;
        }

        // RFC 9162 §2.1.3.2 steps 2-5; fn walks the leaf's position, sn the last leaf's.
        var fn = index;
        var sn = size - 1;
        Span<byte> r = stackalloc byte[MerkleHasher.HashSize];
        leafHash.CopyTo(r);
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHasher.HashChildren(p.Span, r, r);

                // The right edge of a non-full tree: skip levels where this node has no sibling.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHasher.HashChildren(r, p.Span, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.SequenceEqual(root);
    }

    /// <summary>Checks that the tree with <paramref name="root1"/> at <paramref name="size1"/> is a prefix of the one with <paramref name="root2"/>.</summary>
    /// <param name="size1">Older tree size; must be positive (a proof from the empty tree proves nothing).</param>
    /// <param name="size2">Newer tree size, at least <paramref name="size1"/>.</param>
    /// <param name="proof">RFC 9162 §2.1.4.1 consistency proof.</param>
    /// <param name="root1">Trusted root at <paramref name="size1"/>.</param>
    /// <param name="root2">Root at <paramref name="size2"/>.</param>
    /// <returns>True only if the proof is valid.</returns>
    public static bool VerifyConsistency(
        long size1,
        long size2,
        IReadOnlyList<ReadOnlyMemory<byte>> proof,
        ReadOnlySpan<byte> root1,
        ReadOnlySpan<byte> root2)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 <= 0 || size2 < size1)
        {
            return false;
        }

        if (size1 == size2)
        {
            // Same tree: nothing to prove beyond the roots being identical (RFC 9162 §2.1.4.1).
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        // RFC 9162 §2.1.4.2 step 1: an empty proof never proves growth.
        if (proof.Count == 0 || !IsHash(root1) || !IsHash(root2) || !AllHashes(proof))
        {
            return false;
        }

        // Step 2: when size1 is a power of two the old root is itself the first node of the path.
        var path = new List<ReadOnlyMemory<byte>>(proof.Count + 1);
        if ((size1 & (size1 - 1)) == 0)
        {
            path.Add(root1.ToArray());
        }

        path.AddRange(proof);

        // Steps 3-4.
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // Step 5: fr rebuilds the old root, sr the new one.
        Span<byte> fr = stackalloc byte[MerkleHasher.HashSize];
        Span<byte> sr = stackalloc byte[MerkleHasher.HashSize];
        path[0].Span.CopyTo(fr);
        path[0].Span.CopyTo(sr);

        // Step 6.
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i].Span;
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHasher.HashChildren(c, fr, fr);
                MerkleHasher.HashChildren(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHasher.HashChildren(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 7.
        return sn == 0 && fr.SequenceEqual(root1) && sr.SequenceEqual(root2);
    }

    private static bool IsHash(ReadOnlySpan<byte> hash) => hash.Length == MerkleHasher.HashSize;

    private static bool AllHashes(IReadOnlyList<ReadOnlyMemory<byte>> proof)
    {
        foreach (var element in proof)
        {
            if (!IsHash(element.Span))
            {
                return false;
            }
        }

        return true;
    }
}
