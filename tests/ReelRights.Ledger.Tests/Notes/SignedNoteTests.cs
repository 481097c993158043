using ReelRights.Ledger.Notes;

namespace ReelRights.Ledger.Tests.Notes;

public sealed class SignedNoteTests
{
    private const string Text = "reelrights.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    private static readonly INoteSigner Alice = NoteKeys.ParseSignerKey(NoteKeys.GenerateEd25519("alice.example").SignerKey);
    private static readonly INoteSigner Bob = NoteKeys.ParseSignerKey(NoteKeys.GenerateEd25519("bob.example").SignerKey);

    [Fact]
    public void Verify_SignerUnknownToVerifier_IsIgnored()
    {
        // Arrange
        var note = SignedNote.Parse(SignedNote.Sign(Text, Alice, Bob).Encode());

        // Act
        var verified = note.Verify([Verifier(Alice)]);

        // Assert
        verified.VerifiedSignatures.Select(s => s.Name).ShouldBe(["alice.example"]);
        verified.UnknownSignatures.Select(s => s.Name).ShouldBe(["bob.example"]);
    }

    [Fact]
    public void Verify_TextAlteredAfterSigning_ThrowsInvalidSignature()
    {
        // Arrange
        var encoded = SignedNote.Sign(Text, Alice).Encode().Replace("\n3\n", "\n4\n", StringComparison.Ordinal);

        // Act
        var ex = Should.Throw<NoteVerificationException>(() => SignedNote.Parse(encoded).Verify([Verifier(Alice)]));

        // Assert
        ex.Failure.ShouldBe(NoteVerificationFailure.InvalidSignature);
    }

    [Fact]
    public void Verify_BadSignatureFromKnownKeyBesideGoodOne_ThrowsInvalidSignature()
    {
        // Arrange: Bob's line is valid, Alice's is corrupted; a bad known signature rejects the note.
        var good = SignedNote.Sign(Text, Alice, Bob).Encode();
        var lines = good.Split('\n');
        var aliceLine = lines.Single(l => l.StartsWith("\u2014 alice.example ", StringComparison.Ordinal));
        var sig = Convert.FromBase64String(aliceLine[(aliceLine.LastIndexOf(' ') + 1)..]);
        sig[^1] ^= 0x01;
        var tampered = good.Replace(aliceLine, $"\u2014 alice.example {Convert.ToBase64String(sig)}", StringComparison.Ordinal);

        // Act
        var ex = Should.Throw<NoteVerificationException>(() => SignedNote.Parse(tampered).Verify([Verifier(Alice), Verifier(Bob)]));

        // Assert
        ex.Failure.ShouldBe(NoteVerificationFailure.InvalidSignature);
    }

    [Fact]
    public void Verify_NoKnownSigner_ThrowsNoKnownSignature()
    {
        // Arrange
        var note = SignedNote.Parse(SignedNote.Sign(Text, Bob).Encode());

        // Act
        var ex = Should.Throw<NoteVerificationException>(() => note.Verify([Verifier(Alice)]));

        // Assert
        ex.Failure.ShouldBe(NoteVerificationFailure.NoKnownSignature);
    }

    [Fact]
    public void Verify_SameNameDifferentKey_IsTreatedAsUnknown()
    {
        // Arrange: C2SP: a signature sharing only the name with a known key is ignored, not failed.
        var impostor = NoteKeys.ParseSignerKey(NoteKeys.GenerateEd25519("alice.example").SignerKey);
        var note = SignedNote.Parse(SignedNote.Sign(Text, impostor, Alice).Encode());

        // Act
        var verified = note.Verify([Verifier(Alice)]);

        // Assert
        verified.VerifiedSignatures.Single().KeyId.ShouldBe(Alice.KeyId);
        verified.UnknownSignatures.Single().KeyId.ShouldBe(impostor.KeyId);
    }

    [Fact]
    public void Parse_TextWithBlankLines_SplitsAtLastBlankLine()
    {
        // Arrange
        const string text = "first\n\nsecond\n";
        var encoded = SignedNote.Sign(text, Alice).Encode();

        // Act
        var note = SignedNote.Parse(encoded);

        // Assert
        note.Text.ShouldBe(text);
        note.Verify([Verifier(Alice)]).Text.ShouldBe(text);
    }

    [Fact]
    public void Encode_ParsedNote_RoundTrips()
    {
        // Arrange
        var encoded = SignedNote.Sign(Text, Alice, Bob).Encode();

        // Act
        var again = SignedNote.Parse(encoded).Encode();

        // Assert
        again.ShouldBe(encoded);
    }

    [Theory]
    [InlineData("text\n\u2014 name AAAAAAAA\n")]
    [InlineData("text\n\n\u2014 name AAAAAAAA")]
    [InlineData("text\n\n")]
    [InlineData("text\n\n- name AAAAAAAA\n")]
    [InlineData("text\n\n\u2014 name AAAAAA==\n")]
    [InlineData("text\n\n\u2014 name AAAAAAB=\n")]
    [InlineData("text\n\n\u2014 na+me AAAAAAAA\n")]
    [InlineData("text\n\n\u2014 nameAAAAAAAA\n")]
    [InlineData("text\n\n\u2014 name AAAA AAAA\n")]
    [InlineData("te\txt\n\n\u2014 name AAAAAAAA\n")]
    [InlineData("text\r\n\n\u2014 name AAAAAAAA\n")]
    [InlineData("text\n\n\u2014 name AAAAAAAA\n\n")]
    public void Parse_MalformedNote_Throws(string note)
    {
        // Act / Assert
        Should.Throw<FormatException>(() => SignedNote.Parse(note));
    }

    [Fact]
    public void Parse_MoreThanMaxSignatures_Throws()
    {
        // Arrange
        var line = "\u2014 name AAAAAAAA\n";
        var note = "text\n\n" + string.Concat(Enumerable.Repeat(line, SignedNote.MaxSignatures + 1));

        // Act / Assert
        Should.Throw<FormatException>(() => SignedNote.Parse(note));
    }

    [Theory]
    [InlineData("no final newline")]
    [InlineData("bell \a\n")]
    public void Sign_InvalidText_Throws(string text)
    {
        // Act / Assert
        Should.Throw<ArgumentException>(() => SignedNote.Sign(text, Alice));
    }

    private static INoteVerifier Verifier(INoteSigner signer) => NoteKeys.ParseVerifierKey(signer.VerifierKey);
}
