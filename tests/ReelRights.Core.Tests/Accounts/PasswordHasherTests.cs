using ReelRights.Core.Accounts;

namespace ReelRights.Core.Tests.Accounts;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        var a = PasswordHasher.Hash("secret password", 1000);
        var b = PasswordHasher.Hash("secret password", 1000);

        a.ShouldNotBe(b);
        PasswordHasher.Verify("secret password", a, 1000, out _).ShouldBeTrue();
        PasswordHasher.Verify("secret password", b, 1000, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("secret passworD")]
    [InlineData("")]
    [InlineData("secret password ")]
    public void Verify_WrongPassword_IsFalse(string attempt)
    {
        var stored = PasswordHasher.Hash("secret password", 1000);

        PasswordHasher.Verify(attempt, stored, 1000, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void Verify_MalformedStoredHash_IsFalse(string stored)
    {
        PasswordHasher.Verify("anything", stored, 1000, out _).ShouldBeFalse();
    }

    [Fact]
    public void Verify_KnownAnswer_MatchesRfc8018Pbkdf2()
    {
        // PBKDF2-HMAC-SHA256("password", "salt", 1 iteration, 32 bytes), a widely published vector.
        var stored = "pbkdf2-sha256$1$" + Convert.ToBase64String("salt"u8.ToArray()) + "$"
            + Convert.ToBase64String(Convert.FromHexString("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"));

        PasswordHasher.Verify("password", stored, 1, out var rehash).ShouldBeTrue();
        rehash.ShouldBeFalse();
    }
}
