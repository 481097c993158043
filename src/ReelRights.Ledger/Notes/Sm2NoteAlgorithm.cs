using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ReelRights.Ledger.Notes;

/// <summary>
/// Decision record: SM2 signature lines on signed notes.
/// <para>
/// Context: some relying parties in China must check signatures with the national algorithms
/// (SM2 with SM3, GB/T 32918 and GM/T 0009). C2SP signed-note assigns no type byte to SM2 and
/// reserves 0xff for "signature types without an identifier byte assigned by this
/// specification", recommending a longer identifier after it.
/// </para>
/// <para>
/// Decision: the signature type is the byte 0xff followed by the 21 ASCII bytes
/// "reelrights-sm2-sm3-v1". The public key is the 65-byte uncompressed SEC1 point on sm2p256v1,
/// so key ID = SHA-256(name || 0x0A || 0xff || "reelrights-sm2-sm3-v1" || point)[:4]. Key strings
/// follow the Ed25519 ones: "name+hash+base64(0xff || id || point)" and
/// "PRIVATE+KEY+name+hash+base64(0xff || id || 32-byte big-endian d)". The signature is SM2 over
/// the note text with SM3 and the GM/T 0009-2012 default user ID "1234567812345678", encoded as
/// r || s, 32 bytes each (fixed length rather than DER, like Ed25519 lines).
/// </para>
/// <para>
/// Consequences: the line is an ordinary extra signature, so C2SP verifiers that do not know the
/// key ignore it; Ed25519 stays the log's primary checkpoint key. A future standard assignment
/// would need a new key (its ID would differ), which key-rotation records already handle.
/// </para>
/// </summary>
internal static class Sm2NoteAlgorithm
{
    public const int PrivateKeySize = 32;
    public const int PublicKeySize = 65;
    public const int SignatureSize = 64;

    private static readonly X9ECParameters Curve = GMNamedCurves.GetByName("sm2p256v1");

    public static ECDomainParameters Domain { get; } = new(Curve.Curve, Curve.G, Curve.N, Curve.H, Curve.GetSeed());

    /// <summary>0xff || "reelrights-sm2-sm3-v1".</summary>
    public static ReadOnlyMemory<byte> TypePrefix { get; } =
        (byte[])[0xff, .. Encoding.ASCII.GetBytes("reelrights-sm2-sm3-v1")];

    /// <summary>True when the decoded key starts with the SM2 type prefix (as opposed to another 0xff type).</summary>
    public static bool HasTypePrefix(ReadOnlySpan<byte> typeAndKey) => typeAndKey.StartsWith(TypePrefix.Span);

    /// <summary>Splits 0xff || id || key material, checking the identifier and the length.</summary>
    public static ReadOnlySpan<byte> KeyMaterial(ReadOnlySpan<byte> typeAndKey, int expectedLength)
    {
        if (!HasTypePrefix(typeAndKey) || typeAndKey.Length != TypePrefix.Length + expectedLength)
        {
            throw new FormatException("Not a reelrights-sm2-sm3-v1 key of the right length.");
        }

        return typeAndKey[TypePrefix.Length..];
    }

    public static byte[] WithTypePrefix(ReadOnlySpan<byte> keyMaterial) => [.. TypePrefix.Span, .. keyMaterial];

    public static SM2Signer CreateSigner() => new(PlainDsaEncoding.Instance);
}
