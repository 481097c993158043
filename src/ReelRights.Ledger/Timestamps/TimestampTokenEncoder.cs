using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ReelRights.Ledger.Timestamps;

/// <summary>
/// Writes RFC 3161 TimeStampTokens directly as DER for an ECDSA TSA key. The ledger time-stamps
/// every leaf, and SignedCms rebuilds the whole signer (certificate parsing, attribute sorting,
/// key handles) on every call: about four times the cost of the signature itself. Everything
/// that does not change between tokens — OIDs, algorithm identifiers, the certificate, its issuer
/// and serial, the signed attributes around the message digest — is encoded once, with
/// <see cref="AsnWriter"/>, when the encoder is made. Each token then writes one TSTInfo and the
/// lengths around it into stack buffers, hashes and signs, and assembles the result into one array.
/// </summary>
/// <remarks>
/// Structure (RFC 5652 §5 SignedData, RFC 3161 §2.4.2 TSTInfo, RFC 5753 §2.1 / RFC 5754 §3.3
/// ECDSA with SHA-256). The output is DER throughout: minimal lengths (X.690 §10.1), SET OF
/// members sorted (§11.6) and DEFAULT values omitted, so a conforming verifier re-encoding the
/// signed attributes gets the same bytes that were signed. Tests check the output byte for byte
/// against an <see cref="AsnWriter"/> encoding of the same values, and every token against .NET's
/// SignedCms and Rfc3161TimestampToken verification.
/// </remarks>
internal sealed class TimestampTokenEncoder
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string ContentTypeAttributeOid = "1.2.840.113549.1.9.3";
    private const string MessageDigestAttributeOid = "1.2.840.113549.1.9.4";
    private const string EcdsaWithSha256Oid = "1.2.840.10045.4.3.2";

    private const byte IntegerTag = 0x02;
    private const byte OctetStringTag = 0x04;
    private const byte GeneralizedTimeTag = 0x18;
    private const byte SequenceTag = 0x30;
    private const byte SetTag = 0x31;
    private const byte ContextConstructed0 = 0xA0;

    // "yyyyMMddHHmmss" ".fffffff" "Z": at most 23 content bytes, plus tag and length.
    private const int MaxGeneralizedTimeSize = 25;

    // Largest stack buffer per token; a TSTInfo with an unusually long request nonce goes to the heap.
    private const int StackLimit = 512;

    private static readonly byte[] Version1 = [IntegerTag, 1, 1];
    private static readonly byte[] Version3 = [IntegerTag, 1, 3];

    private readonly ECDsa _key;
    private readonly int _maxSignatureSize;
    private readonly byte[] _policy;
    private readonly byte[] _sha256Algorithm;
    private readonly byte[] _digestAlgorithms;
    private readonly byte[] _signedDataOid;
    private readonly byte[] _tstInfoOid;
    private readonly byte[] _certificates;
    private readonly byte[] _signerIdentifier;
    private readonly byte[] _signatureAlgorithm;
    private readonly byte[] _signedAttributes;
    private readonly int _messageDigestOffset;

    internal TimestampTokenEncoder(ECDsa key, X509Certificate2 certificate, string policy)
    {
        _key = key;
        _maxSignatureSize = key.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence);
        _policy = Encode(w => w.WriteObjectIdentifier(policy));
        _sha256Algorithm = Encode(w => WriteAlgorithm(w, TimestampOids.Sha256));
        _digestAlgorithms = Encode(w =>
        {
            using (w.PushSetOf())
            {
                WriteAlgorithm(w, TimestampOids.Sha256);
            }
        });
        _signedDataOid = Encode(w => w.WriteObjectIdentifier(SignedDataOid));
        _tstInfoOid = Encode(w => w.WriteObjectIdentifier(TimestampOids.TstInfo));
        _certificates = Encode(w =>
        {
            using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                w.WriteEncodedValue(certificate.RawData);
            }
        });
        // SignerIdentifier as IssuerAndSerialNumber (RFC 5652 §5.3, version 1).
        _signerIdentifier = Encode(w =>
        {
            using (w.PushSequence())
            {
                w.WriteEncodedValue(certificate.IssuerName.RawData);
                w.WriteIntegerUnsigned(certificate.SerialNumberBytes.Span);
            }
        });
        _signatureAlgorithm = Encode(w => WriteAlgorithm(w, EcdsaWithSha256Oid));

        // The three signed attributes differ in their constant leading bytes (length and OID),
        // so their DER sort order never depends on the digest: the SET is built once with a
        // placeholder digest, and each token only overwrites those 32 bytes.
        var signingCertificate = SigningCertificateV2.Create(certificate);
        var zero = EncodeSignedAttributes(new byte[SHA256.HashSizeInBytes], signingCertificate);
        var ones = EncodeSignedAttributes(Enumerable.Repeat((byte)0xFF, SHA256.HashSizeInBytes).ToArray(), signingCertificate);
        _messageDigestOffset = zero.AsSpan().CommonPrefixLength(ones);
        if (zero.Length != ones.Length || _messageDigestOffset + SHA256.HashSizeInBytes > zero.Length
            || !zero.AsSpan(_messageDigestOffset + SHA256.HashSizeInBytes).SequenceEqual(ones.AsSpan(_messageDigestOffset + SHA256.HashSizeInBytes)))
        {
            throw new InvalidOperationException("The signed attributes do not have a fixed layout.");
        }
        _signedAttributes = zero;
    }

    /// <summary>An encoder for <paramref name="certificate"/>, or null when its key is not ECDSA.</summary>
    public static TimestampTokenEncoder? TryCreate(X509Certificate2 certificate, string policy)
    {
        var key = certificate.GetECDsaPrivateKey();
        return key is null ? null : new TimestampTokenEncoder(key, certificate, policy);
    }

    /// <summary>Encodes and signs one token.</summary>
    /// <param name="hashAlgorithmOid">The message imprint's hash algorithm.</param>
    /// <param name="hash">The message imprint's hash.</param>
    /// <param name="serialNumber">A positive INTEGER in minimal big-endian form.</param>
    /// <param name="genTime">The time stamped.</param>
    /// <param name="accuracyMicroseconds">Accuracy; 0 or less leaves it out.</param>
    /// <param name="nonce">The request's nonce as a minimal INTEGER, or empty.</param>
    /// <param name="includeCertificate">Whether the token carries the TSA certificate.</param>
    public byte[] Encode(string hashAlgorithmOid, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> serialNumber, DateTimeOffset genTime,
        long accuracyMicroseconds, ReadOnlySpan<byte> nonce, bool includeCertificate)
    {
        RequireMinimalInteger(serialNumber, nameof(serialNumber));
        if (!nonce.IsEmpty)
        {
            RequireMinimalInteger(nonce, nameof(nonce));
        }
        var hashAlgorithm = hashAlgorithmOid == TimestampOids.Sha256 ? _sha256Algorithm : Encode(w => WriteAlgorithm(w, hashAlgorithmOid));

        // TSTInfo ::= SEQUENCE { version 1, policy, messageImprint, serialNumber, genTime,
        //   accuracy OPTIONAL, ordering DEFAULT FALSE, nonce OPTIONAL, tsa [0] OPTIONAL, extensions [1] OPTIONAL }
        Span<byte> time = stackalloc byte[MaxGeneralizedTimeSize];
        time = time[..WriteGeneralizedTime(genTime, time)];
        Span<byte> accuracy = stackalloc byte[3 * 11];
        accuracy = accuracy[..WriteAccuracy(accuracyMicroseconds, accuracy)];
        var imprintLength = hashAlgorithm.Length + Tlv(hash.Length);
        var tstInfoContent = Version1.Length + _policy.Length + Tlv(imprintLength) + Tlv(serialNumber.Length)
            + time.Length + accuracy.Length + (nonce.IsEmpty ? 0 : Tlv(nonce.Length));
        var tstInfoLength = Tlv(tstInfoContent);
        var tstInfo = tstInfoLength <= StackLimit ? stackalloc byte[tstInfoLength] : new byte[tstInfoLength];
        var w = new DerWriter(tstInfo);
        w.Header(SequenceTag, tstInfoContent);
        w.Bytes(Version1);
        w.Bytes(_policy);
        w.Header(SequenceTag, imprintLength);
        w.Bytes(hashAlgorithm);
        w.Value(OctetStringTag, hash);
        w.Value(IntegerTag, serialNumber);
        w.Bytes(time);
        w.Bytes(accuracy);
        if (!nonce.IsEmpty)
        {
            w.Value(IntegerTag, nonce);
        }

        // The signed attributes are signed as a SET (RFC 5652 §5.4) and stored as [0] IMPLICIT.
        Span<byte> signedAttributes = stackalloc byte[_signedAttributes.Length];
        _signedAttributes.CopyTo(signedAttributes);
        SHA256.HashData(tstInfo, signedAttributes.Slice(_messageDigestOffset, SHA256.HashSizeInBytes));
        Span<byte> signature = stackalloc byte[_maxSignatureSize];
        if (!_key.TrySignData(signedAttributes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence, out var signatureLength))
        {
            throw new CryptographicException("The ECDSA signature did not fit its buffer.");
        }
        signature = signature[..signatureLength];

        // SignerInfo ::= SEQUENCE { version 1, sid, digestAlgorithm, signedAttrs [0] IMPLICIT, signatureAlgorithm, signature }
        var signerInfoContent = Version1.Length + _signerIdentifier.Length + _sha256Algorithm.Length + signedAttributes.Length
            + _signatureAlgorithm.Length + Tlv(signatureLength);
        var signerInfos = Tlv(signerInfoContent);
        // EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING }
        var encapsulatedContent = _tstInfoOid.Length + Tlv(Tlv(tstInfoLength));
        // SignedData, version 3: the encapsulated content type is not id-data (RFC 5652 §5.1).
        var signedDataContent = Version3.Length + _digestAlgorithms.Length + Tlv(encapsulatedContent)
            + (includeCertificate ? _certificates.Length : 0) + Tlv(signerInfos);
        // ContentInfo ::= SEQUENCE { contentType id-signedData, content [0] EXPLICIT SignedData }
        var contentInfo = _signedDataOid.Length + Tlv(Tlv(signedDataContent));

        var token = new byte[Tlv(contentInfo)];
        w = new DerWriter(token);
        w.Header(SequenceTag, contentInfo);
        w.Bytes(_signedDataOid);
        w.Header(ContextConstructed0, Tlv(signedDataContent));
        w.Header(SequenceTag, signedDataContent);
        w.Bytes(Version3);
        w.Bytes(_digestAlgorithms);
        w.Header(SequenceTag, encapsulatedContent);
        w.Bytes(_tstInfoOid);
        w.Header(ContextConstructed0, Tlv(tstInfoLength));
        w.Value(OctetStringTag, tstInfo);
        if (includeCertificate)
        {
            w.Bytes(_certificates);
        }
        w.Header(SetTag, signerInfos);
        w.Header(SequenceTag, signerInfoContent);
        w.Bytes(Version1);
        w.Bytes(_signerIdentifier);
        w.Bytes(_sha256Algorithm);
        var attributesAt = w.Position;
        w.Bytes(signedAttributes);
        token[attributesAt] = ContextConstructed0;
        w.Bytes(_signatureAlgorithm);
        w.Value(OctetStringTag, signature);
        w.End();
        return token;
    }

    // GeneralizedTime in UTC, "YYYYMMDDHHMMSS[.f*]Z" with the fraction's trailing zeros dropped
    // and no fraction when it is zero (X.690 §11.7), as AsnWriter writes it.
    private static int WriteGeneralizedTime(DateTimeOffset value, Span<byte> destination)
    {
        var utc = value.UtcDateTime;
        if (utc.Year > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "GeneralizedTime has four year digits.");
        }
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        var fractionDigits = 7;
        while (fraction != 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            fractionDigits--;
        }
        var contentLength = 15 + (fraction == 0 ? 0 : 1 + fractionDigits);
        destination[0] = GeneralizedTimeTag;
        destination[1] = (byte)contentLength;
        var text = destination[2..];
        Digits(text[..4], utc.Year);
        Digits(text[4..6], utc.Month);
        Digits(text[6..8], utc.Day);
        Digits(text[8..10], utc.Hour);
        Digits(text[10..12], utc.Minute);
        Digits(text[12..14], utc.Second);
        var at = 14;
        if (fraction != 0)
        {
            text[at++] = (byte)'.';
            Digits(text.Slice(at, fractionDigits), fraction);
            at += fractionDigits;
        }
        text[at] = (byte)'Z';
        return 2 + contentLength;
    }

    private static void Digits(Span<byte> destination, long value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    // Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] 1..999 OPTIONAL, micros [1] 1..999 OPTIONAL }
    private static int WriteAccuracy(long microseconds, Span<byte> destination)
    {
        if (microseconds <= 0)
        {
            return 0;
        }
        var seconds = microseconds / 1_000_000;
        var millis = microseconds / 1000 % 1000;
        var micros = microseconds % 1000;
        Span<byte> content = stackalloc byte[3 * 11];
        var length = 0;
        if (seconds > 0)
        {
            length += WriteSmallInteger(IntegerTag, seconds, content[length..]);
        }
        if (millis > 0)
        {
            length += WriteSmallInteger(0x80, millis, content[length..]);
        }
        if (micros > 0)
        {
            length += WriteSmallInteger(0x81, micros, content[length..]);
        }
        var w = new DerWriter(destination);
        w.Header(SequenceTag, length);
        w.Bytes(content[..length]);
        return w.Position;
    }

    // A non-negative INTEGER in minimal two's complement (X.690 §8.3.2).
    private static int WriteSmallInteger(byte tag, long value, Span<byte> destination)
    {
        var length = 1;
        while (length < 8 && (value >> ((8 * length) - 1)) != 0)
        {
            length++;
        }
        destination[0] = tag;
        destination[1] = (byte)length;
        for (var i = 0; i < length; i++)
        {
            destination[1 + length - i] = (byte)(value >> (8 * i));
        }
        return 2 + length;
    }

    private static void RequireMinimalInteger(ReadOnlySpan<byte> value, string parameterName)
    {
        // X.690 §8.3.2: the first nine bits are never all ones or all zeros.
        if (value.IsEmpty || (value.Length > 1 && ((value[0] == 0 && value[1] < 0x80) || (value[0] == 0xFF && value[1] >= 0x80))))
        {
            throw new ArgumentException("Not a minimal DER INTEGER.", parameterName);
        }
    }

    private byte[] EncodeSignedAttributes(byte[] contentDigest, AsnEncodedData signingCertificate) => Encode(w =>
    {
        // PushSetOf sorts its members on Encode under DER.
        using (w.PushSetOf())
        {
            w.WriteEncodedValue(Encode(a => WriteAttribute(a, ContentTypeAttributeOid, Encode(v => v.WriteObjectIdentifier(TimestampOids.TstInfo)))));
            w.WriteEncodedValue(Encode(a => WriteAttribute(a, MessageDigestAttributeOid, Encode(v => v.WriteOctetString(contentDigest)))));
            w.WriteEncodedValue(Encode(a => WriteAttribute(a, signingCertificate.Oid!.Value!, signingCertificate.RawData)));
        }
    });

    private static byte[] Encode(Action<AsnWriter> write)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        write(writer);
        return writer.Encode();
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

    /// <summary>Size of a tag-length-value with <paramref name="contentLength"/> content bytes (one-byte tags).</summary>
    private static int Tlv(int contentLength) => 1 + LengthSize(contentLength) + contentLength;

    private static int LengthSize(int length) => length switch
    {
        < 0x80 => 1,
        < 0x100 => 2,
        < 0x10000 => 3,
        < 0x1000000 => 4,
        _ => 5,
    };

    /// <summary>Writes DER headers and pre-encoded parts into a buffer whose size was computed exactly.</summary>
    private ref struct DerWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Position { get; private set; }

        public void Header(byte tag, int contentLength)
        {
            _destination[Position++] = tag;
            var size = LengthSize(contentLength);
            if (size == 1)
            {
                _destination[Position++] = (byte)contentLength;
                return;
            }
            // Long form: 0x80 | number of length bytes, then the length big-endian (X.690 §8.1.3.5).
            _destination[Position++] = (byte)(0x80 | (size - 1));
            for (var i = size - 2; i >= 0; i--)
            {
                _destination[Position++] = (byte)(contentLength >> (8 * i));
            }
        }

        public void Value(byte tag, scoped ReadOnlySpan<byte> content)
        {
            Header(tag, content.Length);
            Bytes(content);
        }

        public void Bytes(scoped ReadOnlySpan<byte> value)
        {
            value.CopyTo(_destination[Position..]);
            Position += value.Length;
        }

        public readonly void End()
        {
            if (Position != _destination.Length)
            {
                throw new InvalidOperationException($"DER size mismatch: wrote {Position} of {_destination.Length} bytes.");
            }
        }
    }
}
