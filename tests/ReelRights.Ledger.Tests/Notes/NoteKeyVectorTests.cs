using ReelRights.Ledger.Notes;

namespace ReelRights.Ledger.Tests.Notes;

public sealed class NoteKeyVectorTests
{
    private static readonly SignedNoteVector Vector = SignedNoteVector.Load();

    public static TheoryData<string> RejectedVerifierKeys => [.. Vector.RejectedVerifierKeys];

    [Fact]
    public void ParseSignerKey_VectorKey_DerivesVectorVerifierKey()
    {
        // Act
        var signer = NoteKeys.ParseSignerKey(Vector.SignerKey);

        // Assert
        signer.VerifierKey.ShouldBe(Vector.VerifierKey);
        signer.Name.ShouldBe("PeterNeumann");
        signer.KeyId.ShouldBe(0xc74f20a3u);
    }

    [Fact]
    public void ParseVerifierKey_VectorKey_RoundTrips()
    {
        // Act
        var verifier = NoteKeys.ParseVerifierKey(Vector.VerifierKey);

        // Assert
        verifier.VerifierKey.ShouldBe(Vector.VerifierKey);
        verifier.KeyId.ShouldBe(0xc74f20a3u);
    }

    [Fact]
    public void Sign_VectorText_ProducesExactVectorNote()
    {
        // Arrange
        var signer = NoteKeys.ParseSignerKey(Vector.SignerKey);

        // Act
        var note = SignedNote.Sign(Vector.Text, signer).Encode();

        // Assert
        note.ShouldBe(Vector.SignedNote);
    }

    [Fact]
    public void Verify_VectorNote_AcceptsWithVectorKey()
    {
        // Arrange
        var verifier = NoteKeys.ParseVerifierKey(Vector.VerifierKey);

        // Act
        var verified = SignedNote.Parse(Vector.SignedNote).Verify([verifier]);

        // Assert
        verified.Text.ShouldBe(Vector.Text);
        verified.VerifiedSignatures.Single().Name.ShouldBe("PeterNeumann");
        verified.UnknownSignatures.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(RejectedVerifierKeys))]
    public void ParseVerifierKey_VectorRejectedKey_Throws(string key)
    {
        // Act / Assert
        Should.Throw<FormatException>(() => NoteKeys.ParseVerifierKey(key));
    }

    [Fact]
    public void ParseVerifierKey_EveryTruncation_Throws()
    {
        // Arrange
        var truncations = Enumerable.Range(0, Vector.VerifierKey.Length).Select(n => Vector.VerifierKey[..n]);

        // Act
        var accepted = truncations.Where(k => Accepts(() => NoteKeys.ParseVerifierKey(k))).ToList();

        // Assert
        accepted.ShouldBeEmpty();
    }

    [Fact]
    public void ParseSignerKey_EveryTruncation_Throws()
    {
        // Arrange
        var truncations = Enumerable.Range(0, Vector.SignerKey.Length).Select(n => Vector.SignerKey[..n]);

        // Act
        var accepted = truncations.Where(k => Accepts(() => NoteKeys.ParseSignerKey(k))).ToList();

        // Assert
        accepted.ShouldBeEmpty();
    }

    [Fact]
    public void ParseVerifierKey_EverySingleCharacterChange_Throws()
    {
        // Act
        var accepted = SingleCharacterChanges(Vector.VerifierKey).Where(k => Accepts(() => NoteKeys.ParseVerifierKey(k))).ToList();

        // Assert
        accepted.ShouldBeEmpty();
    }

    [Fact]
    public void ParseSignerKey_EverySingleCharacterChange_Throws()
    {
        // Act
        var accepted = SingleCharacterChanges(Vector.SignerKey).Where(k => Accepts(() => NoteKeys.ParseSignerKey(k))).ToList();

        // Assert
        accepted.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW\n")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzh KqiBfsVkmqq/LDE4izWy10TW")]
    public void ParseVerifierKey_MalformedKey_Throws(string key)
    {
        // Act / Assert
        Should.Throw<FormatException>(() => NoteKeys.ParseVerifierKey(key));
    }

    private static bool Accepts(Action parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Every position replaced by every other character of the key alphabet (base64, hex, '+', '=', case swaps).
    private static IEnumerable<string> SingleCharacterChanges(string key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= -";
        for (var i = 0; i < key.Length; i++)
        {
            foreach (var c in alphabet.Where(c => c != key[i]))
            {
                yield return string.Concat(key.AsSpan(0, i), c.ToString(), key.AsSpan(i + 1));
            }
        }
    }
}
