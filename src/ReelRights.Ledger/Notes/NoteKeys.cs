using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace ReelRights.Ledger.Notes;

/// <summary>
/// Parses and generates note keys in the golang.org/x/mod/sumdb/note string encodings.
/// Ed25519 (type 0x01) is the standard; SM2 (type 0xff + "reelrights-sm2-sm3-v1") is our
/// optional extra signature line.
/// </summary>
public static class NoteKeys
{
    /// <summary>Parses a verifier key "name+hash+base64(type || public key)".</summary>
    /// <param name="verifierKey">The key string.</param>
    /// <returns>A verifier.</returns>
    /// <exception cref="FormatException">
    /// Malformed, truncated or altered string: bad name, hash not 8 lowercase hex digits, non-canonical
    /// base64, unknown type byte, wrong key length, or a hash that does not match name and key.
    /// </exception>
    public static INoteVerifier ParseVerifierKey(string verifierKey)
    {
        var (name, keyId, typeAndKey) = NoteKeyString.Parse(verifierKey);
        INoteVerifier verifier = typeAndKey[0] switch
        {
            Ed25519NoteSigner.SignatureType => new Ed25519NoteVerifier(name, typeAndKey.AsSpan(1)),
            0xff when Sm2NoteAlgorithm.HasTypePrefix(typeAndKey) =>
                new Sm2NoteVerifier(name, Sm2NoteAlgorithm.KeyMaterial(typeAndKey, Sm2NoteAlgorithm.PublicKeySize)),
            _ => throw new FormatException($"Unknown note signature type 0x{typeAndKey[0]:x2}."),
        };
        return verifier.KeyId == keyId
            ? verifier
            : throw new FormatException("The key hash does not match the key name and public key.");
    }

    /// <summary>Parses a signer key "PRIVATE+KEY+name+hash+base64(type || private key)".</summary>
    /// <param name="signerKey">The secret key string.</param>
    /// <returns>A signer.</returns>
    /// <exception cref="FormatException">Malformed, truncated or altered string (same rules as verifier keys).</exception>
    public static INoteSigner ParseSignerKey(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        if (!signerKey.StartsWith(NoteKeyString.PrivatePrefix, StringComparison.Ordinal))
        {
            throw new FormatException("A signer key starts with PRIVATE+KEY+.");
        }

        var (name, keyId, typeAndKey) = NoteKeyString.Parse(signerKey[NoteKeyString.PrivatePrefix.Length..]);
        INoteSigner signer = typeAndKey[0] switch
        {
            Ed25519NoteSigner.SignatureType => new Ed25519NoteSigner(name, typeAndKey.AsSpan(1)),
            0xff when Sm2NoteAlgorithm.HasTypePrefix(typeAndKey) =>
                new Sm2NoteSigner(name, Sm2NoteAlgorithm.KeyMaterial(typeAndKey, Sm2NoteAlgorithm.PrivateKeySize)),
            _ => throw new FormatException($"Unknown note signature type 0x{typeAndKey[0]:x2}."),
        };

        // The hash in a signer key is the public key's ID (as in Go's note.NewSigner), so a
        // changed seed shows up here even though the seed itself has no checksum.
        return signer.KeyId == keyId
            ? signer
            : throw new FormatException("The key hash does not match the key name and public key.");
    }

    /// <summary>Generates a new Ed25519 note key.</summary>
    /// <param name="name">Key name, e.g. the log origin "reelrights.example/log".</param>
    /// <returns>Signer and verifier key strings.</returns>
    public static NoteKeyPair GenerateEd25519(string name)
    {
        RequireName(name);
        var signer = new Ed25519NoteSigner(name, RandomNumberGenerator.GetBytes(Ed25519NoteSigner.SeedSize));
        return new NoteKeyPair(signer.SignerKey, signer.VerifierKey);
    }

    /// <summary>Generates a new SM2 note key (see the SM2 decision record in the library source).</summary>
    /// <param name="name">Key name.</param>
    /// <returns>Signer and verifier key strings.</returns>
    public static NoteKeyPair GenerateSm2(string name)
    {
        RequireName(name);
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Sm2NoteAlgorithm.Domain, new SecureRandom()));
        var keyPair = generator.GenerateKeyPair();
        var d = ((ECPrivateKeyParameters)keyPair.Private).D.ToByteArrayUnsigned();
        var padded = new byte[Sm2NoteAlgorithm.PrivateKeySize];
        d.CopyTo(padded, padded.Length - d.Length);
        var signer = new Sm2NoteSigner(name, padded);
        return new NoteKeyPair(signer.SignerKey, signer.VerifierKey);
    }

    private static void RequireName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NoteText.IsValidKeyName(name))
        {
            throw new ArgumentException("Key names are non-empty with no spaces or '+'.", nameof(name));
        }
    }
}
