namespace ReelRights.Ledger.Notes;

/// <summary>A freshly generated note key in its two string encodings.</summary>
/// <param name="SignerKey">"PRIVATE+KEY+name+hash+base64" — secret; store it like a password.</param>
/// <param name="VerifierKey">"name+hash+base64" — public; pin it in verifiers.</param>
public sealed record NoteKeyPair(string SignerKey, string VerifierKey)
{
    /// <summary>Shows only the public half so the private key never lands in a log by accident.</summary>
    /// <returns>The verifier key.</returns>
    public override string ToString() => VerifierKey;
}
