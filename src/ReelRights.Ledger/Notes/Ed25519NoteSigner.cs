using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ReelRights.Ledger.Notes;

/// <summary>Ed25519 note signer, signature type 0x01 (C2SP signed-note "Ed25519 signatures", RFC 8032).</summary>
internal sealed class Ed25519NoteSigner : INoteSigner
{
    public const byte SignatureType = 0x01;
    public const int SeedSize = 32;

    private readonly Ed25519PrivateKeyParameters _privateKey;

    public Ed25519NoteSigner(string name, ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new FormatException($"An Ed25519 private key is a {SeedSize}-byte seed.");
        }

        _privateKey = new Ed25519PrivateKeyParameters(seed.ToArray(), 0);
        Verifier = new Ed25519NoteVerifier(name, _privateKey.GeneratePublicKey().GetEncoded());
        SignerKey = NoteKeyString.PrivatePrefix + NoteKeyString.Format(name, KeyId, [SignatureType, .. seed]);
    }

    public string Name => Verifier.Name;

    public uint KeyId => Verifier.KeyId;

    public string VerifierKey => Verifier.VerifierKey;

    public string SignerKey { get; }

    public Ed25519NoteVerifier Verifier { get; }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        var bytes = message.ToArray();
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return signer.GenerateSignature();
    }
}
