using ReelRights.Ledger.Receipts;

namespace ReelRights.Ledger.Tests.Receipts;

public sealed class ReceiptFormatTests
{
    // Pinned version-1 receipt: leaf 3 of the fixture ledger, a stand-in token (DER INTEGER-in-SEQUENCE
    // bytes; the format does not interpret it) and the checkpoint signed by the fixed key.
    // Every value was cross-checked with an independent Python computation (record digests, RFC 6962
    // root and path, Ed25519 signature with the fixed seed).
    private const string Golden = """
        reelrights/receipt@v1
        leaf eyJwYXlsb2FkIjp7ImxpY2Vuc2UiOiJMLTEiLCJ0ZXJyaXRvcnkiOiJDTiIsInRpdGxlIjoi55+t5YmnIn0sInNoYTI1NiI6IjY0N2ZiNjE1MjE4NTUyM2ZlZDBkNDJhMTM3MTQwMzcxN2Q1ODdkY2RhNzJmMmNiN2YwZGZmN2I3ZmM1NjQwNjciLCJzbTMiOiI5ZGRjNWIyYmI0YTIxM2U2NDc2ODdlY2NiODY5ZjdhYzE3MzE2NDY0MmQwYWQ2ZDQxNGI5MGNlM2UyYmVhNjVjIiwidHlwZSI6ImxpY2Vuc2UiLCJ2IjoxfQ==
        timestamp MAMCAQE=
        index 3
        z7XX3LVtbh25kcQCDLUoQ/SJsp3K0rIJYO2nY1rRIsY=
        wx5/7Gp+KA0xDy9YLyQMz+u3vOpkFtvLwaTepLlgKag=
        wkRWZH9ajqmHibVeR1rGydqVWb8JjkYemEss7cEstSA=

        reelrights.example/log
        5
        k+gVC8EJqVQAzsxUFYB+X7yHx4wVuvvt/VqIUbC6D8U=

        — reelrights.example/log srdh29oCwEowLsFsJU+bw7mBjAl+3Wg1oKQOVbObtmqN30zCAJkZeW6ddQHVgh5IhbMY9L1Aa109rrgipEdPnXrxIAA=
        """ + "\n";

    private static readonly byte[] StandInToken = [0x30, 0x03, 0x02, 0x01, 0x01];

    [Fact]
    public void Encode_FixtureReceipt_MatchesGoldenText()
    {
        // Arrange
        var receipt = new ReceiptFixture().CreateReceipt(StandInToken);

        // Act
        var text = receipt.Encode();

        // Assert
        text.ShouldBe(Golden);
    }

    [Fact]
    public void Parse_GoldenText_RoundTripsAndKeepsFields()
    {
        // Act
        var receipt = Receipt.Parse(Golden);

        // Assert
        receipt.Encode().ShouldBe(Golden);
        receipt.LeafIndex.ShouldBe(ReceiptFixture.ReceiptIndex);
        receipt.InclusionProof.Count.ShouldBe(3);
        receipt.TimestampToken!.Value.ToArray().ShouldBe(StandInToken);
        receipt.LeafData.ToArray().ShouldBe(new ReceiptFixture().LeafData);
    }

    [Fact]
    public void Encode_NoTimestamp_OmitsTimestampLine()
    {
        // Arrange
        var receipt = new ReceiptFixture().CreateReceipt();

        // Act
        var text = receipt.Encode();

        // Assert
        text.ShouldNotContain("timestamp ");
        Receipt.Parse(text).TimestampToken.ShouldBeNull();
    }

    [Fact]
    public void ToTlogProof_FixtureReceipt_IsC2spTlogProof()
    {
        // Arrange
        var fixture = new ReceiptFixture();
        var receipt = fixture.CreateReceipt(StandInToken);

        // Act
        var proof = receipt.ToTlogProof();

        // Assert: header, index, hashes, blank line, checkpoint; no ReelRights lines.
        var expectedHashes = string.Concat(receipt.InclusionProof.Select(h => Convert.ToBase64String(h.Span) + "\n"));
        proof.ShouldBe($"c2sp.org/tlog-proof@v1\nindex 3\n{expectedHashes}\n{fixture.CheckpointNote}");
    }

    [Theory]
    [InlineData("reelrights/receipt@v2\n")]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("leaf \n")]
    [InlineData("index 3\n")]
    [InlineData("index 03\n")]
    [InlineData("index -3\n")]
    [InlineData("timestamp \n")]
    [InlineData("proof-garbage\n")]
    [InlineData("truncate")]
    [InlineData("no-blank-line")]
    public void Parse_DamagedReceipt_Throws(string damage)
    {
        // Arrange
        var text = Damage(Golden, damage);

        // Act / Assert
        Should.Throw<FormatException>(() => Receipt.Parse(text));
    }

    // Each case breaks one rule of the format in an otherwise valid receipt.
    private static string Damage(string golden, string damage)
    {
        var lines = golden.Split('\n').ToList();
        switch (damage)
        {
            case "reelrights/receipt@v2\n":
                lines[0] = "reelrights/receipt@v2";
                break;
            case "":
                return string.Empty;
            case "\n":
                lines.Insert(0, string.Empty);
                break;
            case "leaf \n":
                lines[1] = "leaf " + lines[1][5..] + " ";
                break;
            case "index 3\n":
                lines.RemoveAt(3);
                break;
            case "index 03\n":
                lines[3] = "index 03";
                break;
            case "index -3\n":
                lines[3] = "index -3";
                break;
            case "timestamp \n":
                lines[2] = "timestamp ";
                break;
            case "proof-garbage\n":
                lines[4] = lines[4][1..];
                break;
            case "truncate":
                return golden[..^1];
            case "no-blank-line":
                lines.RemoveAt(7);
                break;
        }

        return string.Join('\n', lines);
    }
}
