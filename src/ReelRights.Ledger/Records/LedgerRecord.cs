using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReelRights.Ledger.Records;

/// <summary>
/// One ledger entry: a versioned, typed envelope around a caller-supplied JSON object, encoded
/// canonically (see below) so the same entry always has the same bytes and therefore the same
/// leaf hash.
/// </summary>
/// <remarks>
/// Format version 1, canonical JSON (sorted keys, no whitespace, UTF-8, integers only):
/// <code>{"payload":{...},"sha256":"&lt;hex&gt;","sm3":"&lt;hex&gt;","type":"registration","v":1}</code>
/// sha256 and sm3 are lowercase hex digests of the payload's canonical bytes, so a verifier who
/// only trusts one of the two hash families can still check the payload. Types: registration,
/// evidence-bundle, case-transition, license, key-rotation.
/// </remarks>
public sealed record LedgerRecord
{
    /// <summary>The only record format version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] TopLevelKeys = ["payload", "sha256", "sm3", "type", "v"];

    private static ReadOnlySpan<byte> PayloadPrefix => "{\"payload\":"u8;
    private static ReadOnlySpan<byte> Sha256Prefix => ",\"sha256\":\""u8;
    private static ReadOnlySpan<byte> Sm3Prefix => "\",\"sm3\":\""u8;
    private static ReadOnlySpan<byte> TypePrefix => "\",\"type\":\""u8;
    // The version is CurrentVersion.
    private static ReadOnlySpan<byte> VersionSuffix => "\",\"v\":1}"u8;

    private LedgerRecord(LedgerRecordType type, string payload, string payloadSha256, string payloadSm3)
    {
        Type = type;
        Payload = payload;
        PayloadSha256 = payloadSha256;
        PayloadSm3 = payloadSm3;
    }

    /// <summary>Format version (<see cref="CurrentVersion"/>).</summary>
    public int Version => CurrentVersion;

    /// <summary>Entry kind.</summary>
    public LedgerRecordType Type { get; }

    /// <summary>The payload object as canonical JSON text.</summary>
    public string Payload { get; }

    /// <summary>Lowercase hex SHA-256 of the payload's canonical UTF-8 bytes, as stated in the record.</summary>
    public string PayloadSha256 { get; }

    /// <summary>Lowercase hex SM3 of the payload's canonical UTF-8 bytes, as stated in the record.</summary>
    public string PayloadSm3 { get; }

    /// <summary>Creates a record from a UTF-8 JSON object, canonicalizing it and computing both digests.</summary>
    /// <param name="type">Entry kind.</param>
    /// <param name="payloadUtf8Json">A JSON object; numbers must be integers within ±(2^53−1).</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The payload is not a JSON object in the allowed subset.</exception>
    public static LedgerRecord Create(LedgerRecordType type, ReadOnlySpan<byte> payloadUtf8Json)
    {
        _ = ToWireName(type);
        var canonical = CanonicalJson.Canonicalize(payloadUtf8Json);
        if (canonical.Length == 0 || canonical[0] != (byte)'{')
        {
            throw new FormatException("A record payload must be a JSON object.");
        }

        return new LedgerRecord(
            type,
            Encoding.UTF8.GetString(canonical),
            Convert.ToHexStringLower(SHA256.HashData(canonical)),
            Convert.ToHexStringLower(Sm3.HashData(canonical)));
    }

    /// <summary>Creates a record from a JSON object element.</summary>
    /// <param name="type">Entry kind.</param>
    /// <param name="payload">A JSON object.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The payload is not a JSON object in the allowed subset.</exception>
    public static LedgerRecord Create(LedgerRecordType type, JsonElement payload) =>
        Create(type, Encoding.UTF8.GetBytes(payload.GetRawText()));

    /// <summary>Parses canonical record bytes, rejecting anything that is not exactly canonical.</summary>
    /// <param name="utf8">The leaf data.</param>
    /// <returns>The record. Its digests are not checked here; see <see cref="DigestsMatchPayload"/>.</returns>
    /// <exception cref="FormatException">Not a canonical version-1 record.</exception>
    public static LedgerRecord Parse(ReadOnlySpan<byte> utf8)
    {
        // Re-encoding and comparing is the simplest complete check for canonical form: any
        // whitespace, key order, escape or number spelling difference changes the bytes.
        var canonical = CanonicalJson.Canonicalize(utf8);
        if (!canonical.AsSpan().SequenceEqual(utf8))
        {
            throw new FormatException("Record is not in canonical JSON form.");
        }

        using var document = JsonDocument.Parse(canonical);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A record is a JSON object.");
        }

        var keys = root.EnumerateObject().Select(p => p.Name).ToArray();
        if (!keys.SequenceEqual(TopLevelKeys, StringComparer.Ordinal))
        {
            throw new FormatException("A record has exactly the keys payload, sha256, sm3, type and v.");
        }

        var version = root.GetProperty("v");
        if (version.ValueKind != JsonValueKind.Number || version.GetRawText() != "1")
        {
            throw new FormatException($"Unsupported record version {version.GetRawText()}.");
        }

        var type = FromWireName(RequireString(root, "type"));
        var payload = root.GetProperty("payload");
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A record payload must be a JSON object.");
        }

        return new LedgerRecord(
            type,
            payload.GetRawText(),
            RequireHexDigest(root, "sha256"),
            RequireHexDigest(root, "sm3"));
    }

    /// <summary>Like <see cref="Parse"/> but returns false instead of throwing.</summary>
    /// <param name="utf8">The leaf data.</param>
    /// <param name="record">The record when parsing succeeded.</param>
    /// <param name="error">Why parsing failed, otherwise null.</param>
    /// <returns>True if the bytes are a canonical version-1 record.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8,
        [NotNullWhen(true)] out LedgerRecord? record,
        [NotNullWhen(false)] out string? error)
    {
        try
        {
            record = Parse(utf8);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            record = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Recomputes SHA-256 and SM3 of the payload and compares them with the stated digests.</summary>
    /// <returns>True if both match.</returns>
    public bool DigestsMatchPayload()
    {
        var bytes = StrictUtf8.GetBytes(Payload);
        return PayloadSha256 == Convert.ToHexStringLower(SHA256.HashData(bytes))
            && PayloadSm3 == Convert.ToHexStringLower(Sm3.HashData(bytes));
    }

    /// <summary>Encodes the record canonically; these bytes are the ledger leaf data.</summary>
    /// <returns>UTF-8 canonical JSON.</returns>
    public byte[] ToCanonicalBytes()
    {
        // Keys are emitted in sorted order by hand; Payload is already canonical and the other
        // values are plain ASCII that needs no escaping. Written straight into the result array.
        var type = ToWireName(Type);
        var length = PayloadPrefix.Length + StrictUtf8.GetByteCount(Payload) + Sha256Prefix.Length + PayloadSha256.Length
            + Sm3Prefix.Length + PayloadSm3.Length + TypePrefix.Length + type.Length + VersionSuffix.Length;
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        var at = Append(span, 0, PayloadPrefix);
        at += StrictUtf8.GetBytes(Payload, span[at..]);
        at = Append(span, at, Sha256Prefix);
        at += Encoding.ASCII.GetBytes(PayloadSha256, span[at..]);
        at = Append(span, at, Sm3Prefix);
        at += Encoding.ASCII.GetBytes(PayloadSm3, span[at..]);
        at = Append(span, at, TypePrefix);
        at += Encoding.ASCII.GetBytes(type, span[at..]);
        Append(span, at, VersionSuffix);
        return bytes;
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> value)
    {
        value.CopyTo(destination[at..]);
        return at + value.Length;
    }

    /// <summary>Returns the wire name of a record type ("registration", "evidence-bundle", ...).</summary>
    /// <param name="type">Entry kind.</param>
    /// <returns>The name used in the record's "type" field.</returns>
    public static string ToWireName(LedgerRecordType type) => type switch
    {
        LedgerRecordType.Registration => "registration",
        LedgerRecordType.EvidenceBundle => "evidence-bundle",
        LedgerRecordType.CaseTransition => "case-transition",
        LedgerRecordType.License => "license",
        LedgerRecordType.KeyRotation => "key-rotation",
        LedgerRecordType.Attestation => "attestation",
        LedgerRecordType.Finance => "finance",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown record type."),
    };

    private static LedgerRecordType FromWireName(string name) => name switch
    {
        "registration" => LedgerRecordType.Registration,
        "evidence-bundle" => LedgerRecordType.EvidenceBundle,
        "case-transition" => LedgerRecordType.CaseTransition,
        "license" => LedgerRecordType.License,
        "key-rotation" => LedgerRecordType.KeyRotation,
        "attestation" => LedgerRecordType.Attestation,
        "finance" => LedgerRecordType.Finance,
        _ => throw new FormatException($"Unknown record type \"{name}\"."),
    };

    private static string RequireString(JsonElement root, string key)
    {
        var value = root.GetProperty(key);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"Record field \"{key}\" must be a string.");
    }

    private static string RequireHexDigest(JsonElement root, string key)
    {
        var value = RequireString(root, key);
        var ok = value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
        return ok ? value : throw new FormatException($"Record field \"{key}\" must be 64 lowercase hex digits.");
    }
}
