using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ReelRights.Ledger.Timestamps;

namespace ReelRights.Ledger.Tests.Timestamps;

/// <summary>
/// The token encoding written with <see cref="AsnWriter"/> throughout (the encoder's first version):
/// the reference the hand-assembled <see cref="TimestampTokenEncoder"/> must match byte for byte.
/// </summary>
internal sealed class AsnWriterTokenEncoding
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string ContentTypeAttributeOid = "1.2.840.113549.1.9.3";
    private const string MessageDigestAttributeOid = "1.2.840.113549.1.9.4";
    private const string EcdsaWithSha256Oid = "1.2.840.10045.4.3.2";

    private readonly ECDsa _key;
    private readonly byte[] _certificate;
    private readonly byte[] _issuer;
    private readonly byte[] _serial;
    private readonly byte[] _signingCertificateAttribute;
    private readonly string _policy;

    public AsnWriterTokenEncoding(ECDsa key, X509Certificate2 certificate, string policy)
    {
        _key = key;
        _certificate = certificate.RawData;
        _issuer = certificate.IssuerName.RawData;
        _serial = certificate.SerialNumberBytes.ToArray();
        _policy = policy;

        var attribute = SigningCertificateV2.Create(certificate);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        WriteAttribute(writer, attribute.Oid!.Value!, attribute.RawData);
        _signingCertificateAttribute = writer.Encode();
    }

    /// <summary>Encodes and signs one token.</summary>
    public byte[] Encode(string hashAlgorithmOid, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> serialNumber, DateTimeOffset genTime,
        long accuracyMicroseconds, ReadOnlySpan<byte> nonce, bool includeCertificate)
    {
        var tstInfo = EncodeTstInfo(hashAlgorithmOid, hash, serialNumber, genTime, accuracyMicroseconds, nonce);
        var signedAttributes = EncodeSignedAttributes(SHA256.HashData(tstInfo));
        var signature = _key.SignData(signedAttributes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignedDataOid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                // Version 3: the encapsulated content type is not id-data (RFC 5652 §5.1).
                writer.WriteInteger(3);
                using (writer.PushSetOf())
                {
                    WriteAlgorithm(writer, TimestampOids.Sha256);
                }
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(TimestampOids.TstInfo);
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        writer.WriteOctetString(tstInfo);
                    }
                }
                if (includeCertificate)
                {
                    using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        writer.WriteEncodedValue(_certificate);
                    }
                }
                using (writer.PushSetOf())
                {
                    WriteSignerInfo(writer, signedAttributes, signature);
                }
            }
        }
        return writer.Encode();
    }

    // TSTInfo ::= SEQUENCE { version 1, policy, messageImprint, serialNumber, genTime,
    //   accuracy OPTIONAL, ordering DEFAULT FALSE, nonce OPTIONAL, tsa [0] OPTIONAL, extensions [1] OPTIONAL }
    private byte[] EncodeTstInfo(string hashAlgorithmOid, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> serialNumber, DateTimeOffset genTime,
        long accuracyMicroseconds, ReadOnlySpan<byte> nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteObjectIdentifier(_policy);
            using (writer.PushSequence())
            {
                WriteAlgorithm(writer, hashAlgorithmOid);
                writer.WriteOctetString(hash);
            }
            writer.WriteIntegerUnsigned(serialNumber);
            writer.WriteGeneralizedTime(genTime);
            WriteAccuracy(writer, accuracyMicroseconds);
            if (!nonce.IsEmpty)
            {
                // The request's nonce as received: a minimal DER INTEGER, echoed unchanged (§2.4.2).
                writer.WriteInteger(nonce);
            }
        }
        return writer.Encode();
    }

    // Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] 1..999 OPTIONAL, micros [1] 1..999 OPTIONAL }
    private static void WriteAccuracy(AsnWriter writer, long microseconds)
    {
        if (microseconds <= 0)
        {
            return;
        }
        var seconds = microseconds / 1_000_000;
        var millis = microseconds / 1000 % 1000;
        var micros = microseconds % 1000;
        using (writer.PushSequence())
        {
            if (seconds > 0)
            {
                writer.WriteInteger(seconds);
            }
            if (millis > 0)
            {
                writer.WriteInteger(millis, new Asn1Tag(TagClass.ContextSpecific, 0));
            }
            if (micros > 0)
            {
                writer.WriteInteger(micros, new Asn1Tag(TagClass.ContextSpecific, 1));
            }
        }
    }

    /// <summary>The signed attributes as the SET OF that is signed (RFC 5652 §5.4: tagged as SET, not [0]).</summary>
    private byte[] EncodeSignedAttributes(byte[] contentDigest)
    {
        var contentType = new AsnWriter(AsnEncodingRules.DER);
        using (contentType.PushSequence())
        {
            contentType.WriteObjectIdentifier(ContentTypeAttributeOid);
            using (contentType.PushSetOf())
            {
                contentType.WriteObjectIdentifier(TimestampOids.TstInfo);
            }
        }
        var messageDigest = new AsnWriter(AsnEncodingRules.DER);
        using (messageDigest.PushSequence())
        {
            messageDigest.WriteObjectIdentifier(MessageDigestAttributeOid);
            using (messageDigest.PushSetOf())
            {
                messageDigest.WriteOctetString(contentDigest);
            }
        }

        // PushSetOf sorts its members on Encode under DER.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            writer.WriteEncodedValue(contentType.Encode());
            writer.WriteEncodedValue(messageDigest.Encode());
            writer.WriteEncodedValue(_signingCertificateAttribute);
        }
        return writer.Encode();
    }

    // SignerInfo ::= SEQUENCE { version 1, sid IssuerAndSerialNumber, digestAlgorithm,
    //   signedAttrs [0] IMPLICIT SET OF Attribute, signatureAlgorithm, signature OCTET STRING }
    private void WriteSignerInfo(AsnWriter writer, byte[] signedAttributes, byte[] signature)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(_issuer);
                writer.WriteIntegerUnsigned(_serial);
            }
            WriteAlgorithm(writer, TimestampOids.Sha256);
            // Same bytes as the signed SET with its tag changed to [0] IMPLICIT, constructed (0x31 → 0xA0).
            var tagged = (byte[])signedAttributes.Clone();
            tagged[0] = 0xA0;
            writer.WriteEncodedValue(tagged);
            WriteAlgorithm(writer, EcdsaWithSha256Oid);
            writer.WriteOctetString(signature);
        }
    }

    private static void WriteAlgorithm(AsnWriter writer, string oid)
    {
        // Parameters absent for SHA-2 and ECDSA (RFC 5754 §2, RFC 5758 §3.2).
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
        }
    }

    private static void WriteAttribute(AsnWriter writer, string oid, byte[] value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
            {
                writer.WriteEncodedValue(value);
            }
        }
    }
}
