namespace ReelRights.Ledger.Notes;

/// <summary>A public key that checks note signatures (C2SP signed-note).</summary>
public interface INoteVerifier
{
    /// <summary>Key name a signature line must carry to be checked by this key.</summary>
    string Name { get; }

    /// <summary>Key ID a signature must carry to be checked by this key.</summary>
    uint KeyId { get; }

    /// <summary>This key as a verifier key string ("name+hash+base64").</summary>
    string VerifierKey { get; }

    /// <summary>Checks a signature over the UTF-8 note text.</summary>
    /// <param name="message">Note text bytes.</param>
    /// <param name="signature">Raw signature bytes (after the key ID).</param>
    /// <returns>True if the signature is valid.</returns>
    bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
