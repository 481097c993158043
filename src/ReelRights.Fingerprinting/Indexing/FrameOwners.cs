namespace ReelRights.Fingerprinting.Indexing;

/// <summary>
/// Which reference a global frame id belongs to. Called for every close posting a query
/// meets, so instead of a binary search over all references (17 steps at a thousand hours,
/// most of them cache misses) a table per block of <c>2^BlockShift</c> frames gives the owner
/// of the block's first frame, and a reference rarely starts inside a block: one or two steps.
/// </summary>
internal sealed class FrameOwners
{
    private const int BlockShift = 8;
    private readonly uint[] firsts;
    private readonly int[] blocks;

    /// <param name="firsts">Each reference's first frame id, in reference order (non-decreasing).</param>
    public FrameOwners(uint[] firsts)
    {
        this.firsts = firsts;
        var last = firsts.Length == 0 ? 0 : firsts[^1];
        blocks = new int[(last >> BlockShift) + 1];
        var owner = 0;
        for (var b = 0; b < blocks.Length; b++)
        {
            var start = (uint)b << BlockShift;
            while (owner + 1 < firsts.Length && firsts[owner + 1] <= start)
            {
                owner++;
            }

            blocks[b] = owner;
        }
    }

    public int Owner(uint id)
    {
        var block = (int)Math.Min(id >> BlockShift, (uint)(blocks.Length - 1));
        var i = blocks[block];
        // References without frames share a start with the next one: the last at a start owns it.
        while (i + 1 < firsts.Length && firsts[i + 1] <= id)
        {
            i++;
        }

        return i;
    }
}
