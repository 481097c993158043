using System.Globalization;
using System.Text;

namespace ReelRights.Ledger.Notes;

/// <summary>
/// A transparency log checkpoint body (c2sp.org/tlog-checkpoint "Note text"): origin, decimal
/// tree size, base64 root hash, then optional extension lines, each ending in a newline.
/// </summary>
public sealed record Checkpoint
{
    /// <summary>Creates a checkpoint, validating every field.</summary>
    /// <param name="origin">Log identity, e.g. "reelrights.example/log"; non-empty, one line.</param>
    /// <param name="treeSize">Number of leaves; not negative.</param>
    /// <param name="rootHash">32-byte RFC 6962 root at <paramref name="treeSize"/>.</param>
    /// <param name="extensions">Optional non-empty extension lines (C2SP does not recommend them).</param>
    public Checkpoint(string origin, long treeSize, ReadOnlyMemory<byte> rootHash, IReadOnlyList<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (!IsValidLine(origin))
        {
            throw new ArgumentException("The origin must be one non-empty line of note text.", nameof(origin));
        }

        if (rootHash.Length != Merkle.MerkleHasher.HashSize)
        {
            throw new ArgumentException("The root hash is 32 bytes.", nameof(rootHash));
        }

        var lines = extensions?.ToArray() ?? [];
        if (!lines.All(IsValidLine))
        {
            throw new ArgumentException("Extension lines must be non-empty single lines.", nameof(extensions));
        }

        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash.ToArray();
        Extensions = lines;
    }

    /// <summary>Log identity (first line).</summary>
    public string Origin { get; }

    /// <summary>Number of leaves (second line).</summary>
    public long TreeSize { get; }

    /// <summary>Root hash at <see cref="TreeSize"/> (third line, base64).</summary>
    public ReadOnlyMemory<byte> RootHash { get; }

    /// <summary>Extension lines, possibly none.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Parses a checkpoint body strictly (no leading zeros, canonical base64, no empty lines).</summary>
    /// <param name="noteText">The note text (not the signatures).</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">The text is not a valid checkpoint body.</exception>
    public static Checkpoint Parse(string noteText)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        if (!noteText.EndsWith('\n') || !NoteText.IsValidNoteText(noteText))
        {
            throw new FormatException("A checkpoint is newline-terminated note text.");
        }

        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3 || lines.Any(l => l.Length == 0))
        {
            throw new FormatException("A checkpoint has at least three non-empty lines.");
        }

        var size = lines[1];
        var sizeOk = size.All(char.IsAsciiDigit)
            && (size == "0" || size[0] != '0')
            && long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        if (!sizeOk)
        {
            throw new FormatException("The tree size is a decimal number without leading zeros.");
        }

        if (!StrictBase64.TryDecode(lines[2], out var root) || root.Length != Merkle.MerkleHasher.HashSize)
        {
            throw new FormatException("The root hash is canonical base64 of 32 bytes.");
        }

        return new Checkpoint(lines[0], long.Parse(size, CultureInfo.InvariantCulture), root, lines[3..]);
    }

    /// <summary>Encodes the body as note text.</summary>
    /// <returns>"origin\nsize\nbase64(root)\n" plus extension lines.</returns>
    public string ToNoteText()
    {
        var builder = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash.Span)).Append('\n');
        foreach (var line in Extensions)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Signs the checkpoint and returns the published signed note.</summary>
    /// <param name="signers">The log key first (its name SHOULD equal the origin), optionally an SM2 key.</param>
    /// <returns>The signed note text.</returns>
    public string Sign(params IReadOnlyList<INoteSigner> signers) => SignedNote.Sign(ToNoteText(), signers).Encode();

    private static bool IsValidLine(string line) =>
        line.Length > 0 && !line.Contains('\n', StringComparison.Ordinal) && NoteText.IsValidNoteText(line);
}
