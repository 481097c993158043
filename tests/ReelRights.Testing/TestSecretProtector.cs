using Microsoft.AspNetCore.DataProtection;
using ReelRights.Core.Ledger;

namespace ReelRights.Testing;

/// <summary>Real encryption with keys that live only as long as the test process.</summary>
public sealed class TestSecretProtector : ISecretProtector
{
    private readonly IDataProtector protector = new EphemeralDataProtectionProvider().CreateProtector("tests");

    public string Protect(string plaintext) => protector.Protect(plaintext);

    public string Unprotect(string protectedText) => protector.Unprotect(protectedText);
}
