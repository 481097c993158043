namespace ReelRights.Fingerprinting.Indexing;

/// <summary>
/// The foreground audio descriptors of reference frames masked as common content, by global
/// frame id. They are not in the postings — sound two references share cannot tell them apart,
/// so it must never propose an alignment — but once a reference's own picture has placed one,
/// sound it shares with another episode agreeing at exactly that alignment still shows the copy
/// took this episode's sound with its picture (see <see cref="Matching.MaskedAudioCorroboration"/>).
/// </summary>
internal sealed class MaskedAudio
{
    /// <param name="ids">Global audio frame ids, strictly increasing.</param>
    /// <param name="bits">Their descriptors.</param>
    public MaskedAudio(uint[] ids, uint[] bits)
    {
        if (ids.Length != bits.Length)
        {
            throw new ArgumentException("Masked frame arrays differ in length.");
        }

        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] <= ids[i - 1])
            {
                throw new ArgumentException("Masked frame ids must increase.");
            }
        }

        Ids = ids;
        Bits = bits;
    }

    public static MaskedAudio Empty { get; } = new([], []);

    public uint[] Ids { get; }

    public uint[] Bits { get; }

    public int Count => Ids.Length;

    /// <summary>The descriptor of masked foreground frame <paramref name="id"/>, if it is one.</summary>
    public bool TryGet(uint id, out uint bits)
    {
        var i = Array.BinarySearch(Ids, id);
        bits = i >= 0 ? Bits[i] : 0;
        return i >= 0;
    }
}
