using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ReelRights.Ledger.Notes;

/// <summary>Ed25519 note verifier; key ID = SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4].</summary>
internal sealed class Ed25519NoteVerifier : INoteVerifier
{
    public const int PublicKeySize = 32;
    private const int SignatureSize = 64;

    private readonly Ed25519PublicKeyParameters _publicKey;

    public Ed25519NoteVerifier(string name, ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeySize)
        {
            throw new FormatException($"An Ed25519 public key is {PublicKeySize} bytes.");
        }

        Name = name;
        try
        {
            // BouncyCastle 2 decodes the point at once: bytes that are not a point on the curve are refused here.
            _publicKey = new Ed25519PublicKeyParameters(publicKey.ToArray(), 0);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Not a valid Ed25519 public key (not a point on the curve).", e);
        }
        byte[] typeAndKey = [Ed25519NoteSigner.SignatureType, .. publicKey];
        KeyId = NoteText.ComputeKeyId(name, typeAndKey);
        VerifierKey = NoteKeyString.Format(name, KeyId, typeAndKey);
    }

    public string Name { get; }

    public uint KeyId { get; }

    public string VerifierKey { get; }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, _publicKey);
        var bytes = message.ToArray();
        verifier.BlockUpdate(bytes, 0, bytes.Length);
        return verifier.VerifySignature(signature.ToArray());
    }
}
