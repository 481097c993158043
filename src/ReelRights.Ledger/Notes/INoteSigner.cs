namespace ReelRights.Ledger.Notes;

/// <summary>A private key that signs note text (C2SP signed-note).</summary>
public interface INoteSigner
{
    /// <summary>Key name, as written in the signature line.</summary>
    string Name { get; }

    /// <summary>The 32-bit key ID placed before the signature bytes.</summary>
    uint KeyId { get; }

    /// <summary>The public verifier key string ("name+hash+base64") that checks this signer's signatures.</summary>
    string VerifierKey { get; }

    /// <summary>Signs the UTF-8 note text.</summary>
    /// <param name="message">Note text bytes, including the final newline.</param>
    /// <returns>Raw signature bytes (without the key ID).</returns>
    byte[] Sign(ReadOnlySpan<byte> message);
}
