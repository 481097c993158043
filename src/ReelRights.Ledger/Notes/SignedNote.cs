using System.Buffers.Binary;
using System.Text;

namespace ReelRights.Ledger.Notes;

/// <summary>
/// A C2SP signed note (c2sp.org/signed-note): text ending in a newline, a blank line, then one or
/// more lines "— name base64(key ID || signature)". Parsing checks the format only;
/// <see cref="Verify"/> checks signatures.
/// </summary>
public sealed record SignedNote
{
    /// <summary>Upper bound on signature lines; C2SP requires accepting at least 16.</summary>
    public const int MaxSignatures = 100;

    private const string SignaturePrefix = "\u2014 ";

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline.</summary>
    public string Text { get; }

    /// <summary>Signature lines in order of appearance.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> with each signer.</summary>
    /// <param name="text">Note text; must end with a newline and contain no control characters other than newline.</param>
    /// <param name="signers">At least one signer.</param>
    /// <returns>The signed note.</returns>
    public static SignedNote Sign(string text, params IReadOnlyList<INoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signers);
        if (!text.EndsWith('\n') || !NoteText.IsValidNoteText(text))
        {
            throw new ArgumentException("Note text must end with a newline and contain no other control characters.", nameof(text));
        }

        if (signers.Count == 0)
        {
            throw new ArgumentException("At least one signer is needed.", nameof(signers));
        }

        var message = NoteText.StrictUtf8.GetBytes(text);
        var signatures = signers
            .Select(s => new NoteSignature(s.Name, s.KeyId, s.Sign(message)))
            .ToArray();
        return new SignedNote(text, signatures);
    }

    /// <summary>Parses a signed note's format without checking any signature.</summary>
    /// <param name="note">The full note.</param>
    /// <returns>Text and signature lines.</returns>
    /// <exception cref="FormatException">The note breaks a rule of c2sp.org/signed-note "Format".</exception>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (!NoteText.IsValidNoteText(note))
        {
            throw new FormatException("A note must be valid UTF-8 with no control characters other than newline.");
        }

        // The text is separated from the signatures by the last blank line.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new FormatException("A signed note needs a blank line before its signatures.");
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0 || !block.EndsWith('\n'))
        {
            throw new FormatException("A signed note ends with at least one newline-terminated signature line.");
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw new FormatException($"More than {MaxSignatures} signatures.");
        }

        return new SignedNote(text, lines.Select(ParseSignatureLine).ToArray());
    }

    /// <summary>
    /// Verifies the note against known keys, following c2sp.org/signed-note "Signatures":
    /// signatures whose (name, key ID) match no known key are ignored; a known key's signature
    /// that fails is an error; at least one known key must have signed.
    /// </summary>
    /// <param name="knownKeys">Pinned verifier keys.</param>
    /// <returns>The verified note.</returns>
    /// <exception cref="NoteVerificationException">A known key's signature is bad, or no known key signed.</exception>
    public VerifiedNote Verify(IEnumerable<INoteVerifier> knownKeys)
    {
        ArgumentNullException.ThrowIfNull(knownKeys);
        var keys = knownKeys.ToArray();
        var message = NoteText.StrictUtf8.GetBytes(Text);
        var verified = new List<NoteSignature>();
        var unknown = new List<NoteSignature>();
        var seen = new HashSet<(string, uint)>();
        foreach (var signature in Signatures)
        {
            var key = Array.Find(keys, k => k.Name == signature.Name && k.KeyId == signature.KeyId);
            if (key is null)
            {
                unknown.Add(signature);
                continue;
            }

            if (!seen.Add((signature.Name, signature.KeyId)))
            {
                continue;
            }

            if (!key.Verify(message, signature.Signature.Span))
            {
                throw new NoteVerificationException(
                    NoteVerificationFailure.InvalidSignature,
                    $"The signature by known key {signature.Name} ({signature.KeyId:x8}) is invalid.");
            }

            verified.Add(signature);
        }

        return verified.Count > 0
            ? new VerifiedNote(Text, verified, unknown)
            : throw new NoteVerificationException(
                NoteVerificationFailure.NoKnownSignature,
                "The note has no signature from a known key.");
    }

    /// <summary>Encodes the note: text, blank line, signature lines.</summary>
    /// <returns>The note as published.</returns>
    public string Encode()
    {
        var builder = new StringBuilder(Text).Append('\n');
        Span<byte> keyId = stackalloc byte[4];
        foreach (var signature in Signatures)
        {
            BinaryPrimitives.WriteUInt32BigEndian(keyId, signature.KeyId);
            builder.Append(SignaturePrefix)
                .Append(signature.Name)
                .Append(' ')
                .Append(Convert.ToBase64String([.. keyId, .. signature.Signature.Span]))
                .Append('\n');
        }

        return builder.ToString();
    }

    private static NoteSignature ParseSignatureLine(string line)
    {
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            throw new FormatException("A signature line starts with an em dash (U+2014) and a space.");
        }

        var rest = line.AsSpan(SignaturePrefix.Length);
        var space = rest.IndexOf(' ');
        if (space < 0)
        {
            throw new FormatException("A signature line is \"— name signature\".");
        }

        var name = rest[..space];
        if (!NoteText.IsValidKeyName(name))
        {
            throw new FormatException("Invalid key name in a signature line.");
        }

        // Key ID plus at least one signature byte.
        if (!StrictBase64.TryDecode(rest[(space + 1)..], out var bytes) || bytes.Length < 5)
        {
            throw new FormatException("A signature is canonical base64 of at least five bytes.");
        }

        return new NoteSignature(name.ToString(), BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes.AsMemory(4));
    }
}
