using ReelRights.Ledger.Notes;

namespace ReelRights.Ledger.Tests.Notes;

public sealed class CheckpointTests
{
    private static readonly byte[] Root = Convert.FromBase64String("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=");

    [Fact]
    public void ToNoteText_WithExtension_PinsC2spLayout()
    {
        // Arrange
        var checkpoint = new Checkpoint("reelrights.example/log", 8, Root, ["ext one"]);

        // Act
        var text = checkpoint.ToNoteText();

        // Assert
        text.ShouldBe("reelrights.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\next one\n");
    }

    [Fact]
    public void Parse_EncodedCheckpoint_RoundTrips()
    {
        // Arrange
        var text = new Checkpoint("reelrights.example/log", 123456789012, Root, ["a", "b c"]).ToNoteText();

        // Act
        var parsed = Checkpoint.Parse(text);

        // Assert
        parsed.Origin.ShouldBe("reelrights.example/log");
        parsed.TreeSize.ShouldBe(123456789012);
        parsed.RootHash.ToArray().ShouldBe(Root);
        parsed.Extensions.ShouldBe(["a", "b c"]);
        parsed.ToNoteText().ShouldBe(text);
    }

    [Fact]
    public void Parse_EmptyTree_Accepted()
    {
        // Arrange
        var text = "log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n";

        // Act
        var parsed = Checkpoint.Parse(text);

        // Assert
        parsed.TreeSize.ShouldBe(0);
    }

    [Theory]
    [InlineData("log\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("log\n-8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("log\n+8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("log\n99999999999999999999\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=")]
    [InlineData("log\n8\n")]
    [InlineData("\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQw==\n")]
    [InlineData("log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=\n")]
    [InlineData("log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n")]
    [InlineData("log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\next\n\n")]
    public void Parse_InvalidBody_Throws(string text)
    {
        // Act / Assert
        Should.Throw<FormatException>(() => Checkpoint.Parse(text));
    }

    [Fact]
    public void Sign_Checkpoint_VerifiesAsNoteAndParsesBack()
    {
        // Arrange
        var signer = NoteKeys.ParseSignerKey(NoteKeys.GenerateEd25519("reelrights.example/log").SignerKey);
        var checkpoint = new Checkpoint("reelrights.example/log", 8, Root);

        // Act
        var note = checkpoint.Sign(signer);
        var verified = SignedNote.Parse(note).Verify([NoteKeys.ParseVerifierKey(signer.VerifierKey)]);

        // Assert
        Checkpoint.Parse(verified.Text).TreeSize.ShouldBe(8);
    }

    [Fact]
    public void Constructor_RootNot32Bytes_Throws()
    {
        // Act / Assert
        Should.Throw<ArgumentException>(() => new Checkpoint("log", 1, new byte[31]));
    }
}
