using ReelRights.Ledger.Notes;

namespace ReelRights.Ledger.Tests.Notes;

public sealed class Sm2NoteKeyTests
{
    // A fixed SM2 key (d = 0x0102…20) pins the string encoding chosen in Sm2NoteAlgorithm; the point and
    // key ID were computed independently (plain Python curve arithmetic on sm2p256v1 and hashlib).
    private const string FixedSignerKey =
        "PRIVATE+KEY+reelrights.example/sm2+b13bf2d8+/3JlZWxyaWdodHMtc20yLXNtMy12MQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g";

    [Fact]
    public void GenerateSm2_KeyPair_SignsAndVerifiesNote()
    {
        // Arrange
        var pair = NoteKeys.GenerateSm2("reelrights.example/sm2");
        var signer = NoteKeys.ParseSignerKey(pair.SignerKey);
        var verifier = NoteKeys.ParseVerifierKey(pair.VerifierKey);

        // Act
        var verified = SignedNote.Parse(SignedNote.Sign("hello\n", signer).Encode()).Verify([verifier]);

        // Assert
        verified.VerifiedSignatures.Single().Signature.Length.ShouldBe(64);
        signer.VerifierKey.ShouldBe(pair.VerifierKey);
    }

    [Fact]
    public void ParseSignerKey_FixedSm2Key_DerivesPinnedVerifierKey()
    {
        // Act
        var signer = NoteKeys.ParseSignerKey(FixedSignerKey);

        // Assert
        signer.VerifierKey.ShouldBe(
            "reelrights.example/sm2+b13bf2d8+/3JlZWxyaWdodHMtc20yLXNtMy12MQRG0QhvblyThEfwUoDbcHwnmntFnDjxnk2aMK0trfnyivRfwdxbN3c2tX6X5+BWPMyiTJf0QOHRN+WUHYTS60PJ");
    }

    [Fact]
    public void Sign_Ed25519AndSm2_BothLinesVerify()
    {
        // Arrange
        var ed25519 = NoteKeys.ParseSignerKey(NoteKeys.GenerateEd25519("reelrights.example/log").SignerKey);
        var sm2 = NoteKeys.ParseSignerKey(FixedSignerKey);

        // Act
        var note = SignedNote.Parse(SignedNote.Sign("checkpoint\n", ed25519, sm2).Encode());
        var verified = note.Verify([NoteKeys.ParseVerifierKey(ed25519.VerifierKey), NoteKeys.ParseVerifierKey(sm2.VerifierKey)]);

        // Assert
        verified.VerifiedSignatures.Count.ShouldBe(2);
    }

    [Fact]
    public void Verify_Sm2SignatureOverOtherText_Fails()
    {
        // Arrange
        var signer = NoteKeys.ParseSignerKey(FixedSignerKey);
        var verifier = NoteKeys.ParseVerifierKey(signer.VerifierKey);
        var signature = signer.Sign("one\n"u8);

        // Act
        var valid = verifier.Verify("two\n"u8, signature);

        // Assert
        valid.ShouldBeFalse();
    }

    [Fact]
    public void ParseVerifierKey_Sm2KeyWithAlteredPoint_Throws()
    {
        // Arrange: change one base64 character of the point; either the hash or the curve check rejects it.
        var key = NoteKeys.ParseSignerKey(FixedSignerKey).VerifierKey;
        var altered = key[..^5] + (key[^5] == 'A' ? 'B' : 'A') + key[^4..];

        // Act / Assert
        Should.Throw<FormatException>(() => NoteKeys.ParseVerifierKey(altered));
    }

    [Fact]
    public void ToString_KeyPair_HidesPrivateKey()
    {
        // Arrange
        var pair = NoteKeys.GenerateEd25519("reelrights.example/log");

        // Act
        var shown = pair.ToString();

        // Assert
        shown.ShouldBe(pair.VerifierKey);
        shown.ShouldNotContain("PRIVATE");
    }
}
