using System.Text;
using System.Text.Json;
using ReelRights.Ledger.Records;

namespace ReelRights.Ledger.Tests.Records;

public sealed class LedgerRecordTests
{
    private const string MessyPayload =
        """{ "z": "\u77ed\u5267", "m": [ true, null, { "b": 9007199254740991, "a": -3 } ], "a": "\u00e9\n\u0001\"\\\/" }""";

    private const string CanonicalPayload =
        """{"a":"é\n\u0001\"\\/","m":[true,null,{"a":-3,"b":9007199254740991}],"z":"短剧"}""";

    // Digests computed independently (Python hashlib sha256 / sm3) over CanonicalPayload's UTF-8 bytes.
    private const string GoldenRecord =
        """{"payload":{"a":"é\n\u0001\"\\/","m":[true,null,{"a":-3,"b":9007199254740991}],"z":"短剧"},"sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"registration","v":1}""";

    [Fact]
    public void Create_MessyPayload_CanonicalizesAndHashes()
    {
        // Act
        var record = LedgerRecord.Create(LedgerRecordType.Registration, Encoding.UTF8.GetBytes(MessyPayload));

        // Assert
        record.Payload.ShouldBe(CanonicalPayload);
        Encoding.UTF8.GetString(record.ToCanonicalBytes()).ShouldBe(GoldenRecord);
    }

    [Fact]
    public void Create_FromJsonElement_SameAsFromBytes()
    {
        // Arrange
        using var document = JsonDocument.Parse(MessyPayload);

        // Act
        var record = LedgerRecord.Create(LedgerRecordType.Registration, document.RootElement);

        // Assert
        Encoding.UTF8.GetString(record.ToCanonicalBytes()).ShouldBe(GoldenRecord);
    }

    [Theory]
    [InlineData(LedgerRecordType.Registration, "registration")]
    [InlineData(LedgerRecordType.EvidenceBundle, "evidence-bundle")]
    [InlineData(LedgerRecordType.CaseTransition, "case-transition")]
    [InlineData(LedgerRecordType.License, "license")]
    [InlineData(LedgerRecordType.KeyRotation, "key-rotation")]
    [InlineData(LedgerRecordType.Attestation, "attestation")]
    [InlineData(LedgerRecordType.Finance, "finance")]
    public void ToCanonicalBytes_EachType_UsesWireNameAndRoundTrips(LedgerRecordType type, string wireName)
    {
        // Arrange
        var record = LedgerRecord.Create(type, """{"owner":"org-1","work":"W-0001"}"""u8);

        // Act
        var bytes = record.ToCanonicalBytes();
        var parsed = LedgerRecord.Parse(bytes);

        // Assert
        Encoding.UTF8.GetString(bytes).ShouldBe(
            "{\"payload\":{\"owner\":\"org-1\",\"work\":\"W-0001\"},"
            + "\"sha256\":\"552bd00d8f1915a6f448c538a9531265bd786a9938d467813749de887cf7e074\","
            + "\"sm3\":\"ba64808527a0fa8765abcb3bc1bd9207bc833eb783186901d4a643dc09711efd\","
            + $"\"type\":\"{wireName}\",\"v\":1}}");
        parsed.ShouldBe(record);
        parsed.DigestsMatchPayload().ShouldBeTrue();
    }

    [Fact]
    public void Create_KeysOutsideBmp_SortsByUtf16CodeUnitsAsRfc8785()
    {
        // Arrange: U+1F600 is D83D DE00 in UTF-16 and sorts before U+E000; in UTF-8 bytes it would sort after.
        var payload = "{\"\uE000\":1,\"\U0001F600\":2}";

        // Act
        var record = LedgerRecord.Create(LedgerRecordType.License, Encoding.UTF8.GetBytes(payload));

        // Assert
        record.Payload.ShouldBe("{\"\U0001F600\":2,\"\uE000\":1}");
    }

    [Theory]
    [InlineData("""{"n":1.5}""")]
    [InlineData("""{"n":1e3}""")]
    [InlineData("""{"n":-0}""")]
    [InlineData("""{"n":9007199254740992}""")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":1} // comment""")]
    public void Create_PayloadOutsideCanonicalSubset_Throws(string payload)
    {
        // Act / Assert
        Should.Throw<FormatException>(() => LedgerRecord.Create(LedgerRecordType.Registration, Encoding.UTF8.GetBytes(payload)));
    }

    [Theory]
    [InlineData(" " + GoldenRecord)]
    [InlineData(GoldenRecord + "\n")]
    [InlineData("""{"v":1,"type":"registration","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","payload":{}}""")]
    [InlineData("""{"payload":{"a":"\u0041"},"sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"registration","v":1}""")]
    [InlineData("""{"payload":{},"sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"registration","v":2}""")]
    [InlineData("""{"payload":{},"sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"payment","v":1}""")]
    [InlineData("""{"payload":{},"sha256":"D82C021A0E2892EECB70E270FAE0314F436CDCA7EED80D3A1A08581BBB33D717","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"registration","v":1}""")]
    [InlineData("""{"payload":{},"sha256":"d82c","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"registration","v":1}""")]
    [InlineData("""{"payload":[],"sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"registration","v":1}""")]
    [InlineData("""{"payload":{},"sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","type":"registration","v":1}""")]
    [InlineData("""{"extra":0,"payload":{},"sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"registration","v":1}""")]
    [InlineData("""{"payload":{},"sha256":"d82c021a0e2892eecb70e270fae0314f436cdca7eed80d3a1a08581bbb33d717","sm3":"6fb908aa5659da3b435325e7d591ebb2b81eeee9bc31aa00072a0101f0768c9c","type":"registration","v":"1"}""")]
    public void Parse_NonCanonicalOrInvalidRecord_Throws(string text)
    {
        // Act / Assert
        Should.Throw<FormatException>(() => LedgerRecord.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Parse_ByteOrderMark_Throws()
    {
        // Arrange
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(GoldenRecord)];

        // Act / Assert
        Should.Throw<FormatException>(() => LedgerRecord.Parse(bytes));
    }

    [Fact]
    public void Parse_InvalidUtf8_Throws()
    {
        // Arrange: 0xC3 0x28 is an invalid two-byte sequence inside a string.
        byte[] bytes = [.. "{\"payload\":{\"a\":\""u8, 0xC3, 0x28, .. "\"}}"u8];

        // Act / Assert
        Should.Throw<FormatException>(() => LedgerRecord.Parse(bytes));
    }

    [Fact]
    public void TryParse_Garbage_ReturnsFalseWithError()
    {
        // Act
        var ok = LedgerRecord.TryParse("not json"u8, out var record, out var error);

        // Assert
        ok.ShouldBeFalse();
        record.ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void DigestsMatchPayload_StatedDigestAltered_ReturnsFalse()
    {
        // Arrange: a canonical record whose sha256 field is well-formed but wrong.
        var altered = GoldenRecord.Replace("d82c021a", "00000000", StringComparison.Ordinal);
        var record = LedgerRecord.Parse(Encoding.UTF8.GetBytes(altered));

        // Act
        var match = record.DigestsMatchPayload();

        // Assert
        match.ShouldBeFalse();
    }
}
