using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace ReelRights.Ledger.Notes;

/// <summary>SM2 note signer; see <see cref="Sm2NoteAlgorithm"/> for the encoding decision.</summary>
internal sealed class Sm2NoteSigner : INoteSigner
{
    private readonly ECPrivateKeyParameters _privateKey;

    public Sm2NoteSigner(string name, ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Sm2NoteAlgorithm.PrivateKeySize)
        {
            throw new FormatException($"An SM2 private key is {Sm2NoteAlgorithm.PrivateKeySize} bytes.");
        }

        var d = new BigInteger(1, privateKey.ToArray());
        if (d.SignValue <= 0 || d.CompareTo(Sm2NoteAlgorithm.Domain.N.Subtract(BigInteger.One)) >= 0)
        {
            // GB/T 32918.1 §6.1: d ∈ [1, n − 2].
            throw new FormatException("The SM2 private key is out of range.");
        }

        _privateKey = new ECPrivateKeyParameters(d, Sm2NoteAlgorithm.Domain);
        var point = Sm2NoteAlgorithm.Domain.G.Multiply(d).Normalize().GetEncoded(false);
        Verifier = new Sm2NoteVerifier(name, point);
        SignerKey = NoteKeyString.PrivatePrefix
            + NoteKeyString.Format(name, KeyId, Sm2NoteAlgorithm.WithTypePrefix(privateKey));
    }

    public string Name => Verifier.Name;

    public uint KeyId => Verifier.KeyId;

    public string VerifierKey => Verifier.VerifierKey;

    public string SignerKey { get; }

    public Sm2NoteVerifier Verifier { get; }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = Sm2NoteAlgorithm.CreateSigner();
        signer.Init(true, new ParametersWithRandom(_privateKey, new SecureRandom()));
        var bytes = message.ToArray();
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return signer.GenerateSignature();
    }
}
