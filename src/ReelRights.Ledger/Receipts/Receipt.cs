using System.Globalization;
using System.Text;
using ReelRights.Ledger.Merkle;

namespace ReelRights.Ledger.Receipts;

/// <summary>
/// A self-contained, offline-verifiable proof that a record is in the ledger, in the spirit of
/// c2sp.org/tlog-proof but carrying the entry itself and an optional RFC 3161 token.
/// </summary>
/// <remarks>
/// Text format, version 1 (every line ends with "\n"; base64 is RFC 4648 §4 with padding):
/// <code>
/// reelrights/receipt@v1
/// leaf &lt;base64 of the canonical record bytes (the leaf data)&gt;
/// timestamp &lt;base64 of a DER RFC 3161 TimeStampToken over the leaf hash&gt;   (optional line)
/// index &lt;leaf index, decimal, no leading zeros&gt;
/// &lt;base64 inclusion proof hash, leaf sibling first&gt;                          (zero or more lines)
///
/// &lt;the signed checkpoint note, verbatim&gt;
/// </code>
/// Dropping the leaf and timestamp lines and replacing the header with "c2sp.org/tlog-proof@v1"
/// gives a standard tlog-proof (<see cref="ToTlogProof"/>). The time stamp sits beside the proof,
/// not in the hash chain, as the design requires.
/// </remarks>
public sealed record Receipt
{
    /// <summary>First line of every version-1 receipt.</summary>
    public const string Header = "reelrights/receipt@v1";

    /// <summary>Creates a receipt.</summary>
    /// <param name="leafData">Canonical record bytes as stored in the log.</param>
    /// <param name="leafIndex">Position of the leaf in the log.</param>
    /// <param name="inclusionProof">RFC 9162 §2.1.3.1 audit path against the checkpoint's tree size.</param>
    /// <param name="checkpointNote">The signed checkpoint note the proof is against.</param>
    /// <param name="timestampToken">Optional DER RFC 3161 token over the leaf hash; null or empty means none.</param>
    public Receipt(
        ReadOnlyMemory<byte> leafData,
        long leafIndex,
        IReadOnlyList<ReadOnlyMemory<byte>> inclusionProof,
        string checkpointNote,
        ReadOnlyMemory<byte>? timestampToken = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentNullException.ThrowIfNull(inclusionProof);
        ArgumentNullException.ThrowIfNull(checkpointNote);
        if (inclusionProof.Any(h => h.Length != MerkleHasher.HashSize))
        {
            throw new ArgumentException("Every proof hash is 32 bytes.", nameof(inclusionProof));
        }

        if (checkpointNote.Length == 0 || !checkpointNote.EndsWith('\n'))
        {
            throw new ArgumentException("The checkpoint note ends with a newline.", nameof(checkpointNote));
        }

        LeafData = leafData.ToArray();
        LeafIndex = leafIndex;
        InclusionProof = inclusionProof.Select(h => (ReadOnlyMemory<byte>)h.ToArray()).ToArray();
        CheckpointNote = checkpointNote;
        // Empty counts as absent: a null byte[] silently converts to an empty ReadOnlyMemory.
        TimestampToken = timestampToken is { IsEmpty: false } token ? token.ToArray() : (ReadOnlyMemory<byte>?)null;
    }

    /// <summary>Canonical record bytes (the leaf data).</summary>
    public ReadOnlyMemory<byte> LeafData { get; }

    /// <summary>Leaf index in the log.</summary>
    public long LeafIndex { get; }

    /// <summary>Inclusion proof hashes, leaf sibling first.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> InclusionProof { get; }

    /// <summary>Signed checkpoint note, verbatim.</summary>
    public string CheckpointNote { get; }

    /// <summary>DER RFC 3161 time-stamp token over the leaf hash, if any.</summary>
    public ReadOnlyMemory<byte>? TimestampToken { get; }

    /// <summary>Parses a version-1 receipt; see the remarks on <see cref="Receipt"/> for the format.</summary>
    /// <param name="text">The receipt text.</param>
    /// <returns>The receipt. Nothing is verified beyond syntax; use <see cref="ReceiptVerifier"/>.</returns>
    /// <exception cref="FormatException">Not a well-formed version-1 receipt.</exception>
    public static Receipt Parse(string text) => ReceiptTextReader.Read(text);

    /// <summary>Encodes the receipt in the version-1 text format.</summary>
    /// <returns>The receipt text.</returns>
    public string Encode()
    {
        var builder = new StringBuilder()
            .Append(Header).Append('\n')
            .Append("leaf ").Append(Convert.ToBase64String(LeafData.Span)).Append('\n');
        if (TimestampToken is { } token)
        {
            builder.Append("timestamp ").Append(Convert.ToBase64String(token.Span)).Append('\n');
        }

        AppendIndexAndProof(builder);
        return builder.Append('\n').Append(CheckpointNote).ToString();
    }

    /// <summary>Returns the standard c2sp.org/tlog-proof@v1 form (no extra data; the verifier holds the entry).</summary>
    /// <returns>The tlog-proof text.</returns>
    public string ToTlogProof()
    {
        var builder = new StringBuilder("c2sp.org/tlog-proof@v1\n");
        AppendIndexAndProof(builder);
        return builder.Append('\n').Append(CheckpointNote).ToString();
    }

    private void AppendIndexAndProof(StringBuilder builder)
    {
        builder.Append("index ").Append(LeafIndex.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in InclusionProof)
        {
            builder.Append(Convert.ToBase64String(hash.Span)).Append('\n');
        }
    }
}
