namespace ReelRights.Ledger.Notes;

/// <summary>A note whose text was signed by at least one known key.</summary>
/// <param name="Text">Note text, including its final newline.</param>
/// <param name="VerifiedSignatures">Signatures by known keys, each verified (one per key).</param>
/// <param name="UnknownSignatures">Signatures by keys the caller did not supply; ignored, as C2SP requires.</param>
public sealed record VerifiedNote(
    string Text,
    IReadOnlyList<NoteSignature> VerifiedSignatures,
    IReadOnlyList<NoteSignature> UnknownSignatures);
