namespace ReelRights.Ledger.Merkle;

/// <summary>
/// Append-only list of 32-byte hashes stored back to back in one buffer, so a tree of millions of
/// leaves costs 32 bytes per hash instead of an array object each.
/// </summary>
internal sealed class HashList
{
    private byte[] _buffer = new byte[MerkleHasher.HashSize * 16];

    public long Count { get; private set; }

    public void Add(ReadOnlySpan<byte> hash)
    {
        var offset = checked((int)(Count * MerkleHasher.HashSize));
        if (offset + MerkleHasher.HashSize > _buffer.Length)
        {
            var grown = Math.Min((long)_buffer.Length * 2, Array.MaxLength / MerkleHasher.HashSize * MerkleHasher.HashSize);
            if (grown <= _buffer.Length)
            {
                throw new InvalidOperationException("The in-memory tree is full; use a stored log.");
            }

            Array.Resize(ref _buffer, (int)grown);
        }

        hash.CopyTo(_buffer.AsSpan(offset, MerkleHasher.HashSize));
        Count++;
    }

    public ReadOnlySpan<byte> this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _buffer.AsSpan((int)(index * MerkleHasher.HashSize), MerkleHasher.HashSize);
        }
    }
}
