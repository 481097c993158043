using Org.BouncyCastle.Crypto.Parameters;

namespace ReelRights.Ledger.Notes;

/// <summary>SM2 note verifier; see <see cref="Sm2NoteAlgorithm"/> for the encoding decision.</summary>
internal sealed class Sm2NoteVerifier : INoteVerifier
{
    private readonly ECPublicKeyParameters _publicKey;

    public Sm2NoteVerifier(string name, ReadOnlySpan<byte> uncompressedPoint)
    {
        if (uncompressedPoint.Length != Sm2NoteAlgorithm.PublicKeySize || uncompressedPoint[0] != 0x04)
        {
            throw new FormatException("An SM2 public key is a 65-byte uncompressed point.");
        }

        try
        {
            // DecodePoint rejects coordinates that are not on the curve.
            var point = Sm2NoteAlgorithm.Domain.Curve.DecodePoint(uncompressedPoint.ToArray());
            _publicKey = new ECPublicKeyParameters(point, Sm2NoteAlgorithm.Domain);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("The SM2 public key is not a point on sm2p256v1.", ex);
        }

        Name = name;
        var typeAndKey = Sm2NoteAlgorithm.WithTypePrefix(uncompressedPoint);
        KeyId = NoteText.ComputeKeyId(name, typeAndKey);
        VerifierKey = NoteKeyString.Format(name, KeyId, typeAndKey);
    }

    public string Name { get; }

    public uint KeyId { get; }

    public string VerifierKey { get; }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Sm2NoteAlgorithm.SignatureSize)
        {
            return false;
        }

        var verifier = Sm2NoteAlgorithm.CreateSigner();
        verifier.Init(false, _publicKey);
        var bytes = message.ToArray();
        verifier.BlockUpdate(bytes, 0, bytes.Length);
        return verifier.VerifySignature(signature.ToArray());
    }
}
