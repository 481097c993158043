namespace ReelRights.Ledger.Notes;

/// <summary>One signature line of a signed note: "— name base64(key ID || signature)".</summary>
/// <param name="Name">Key name.</param>
/// <param name="KeyId">Key ID (first four bytes of the decoded value, big-endian).</param>
/// <param name="Signature">Signature bytes after the key ID.</param>
public sealed record NoteSignature(string Name, uint KeyId, ReadOnlyMemory<byte> Signature);
