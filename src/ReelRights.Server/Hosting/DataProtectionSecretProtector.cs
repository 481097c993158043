using Microsoft.AspNetCore.DataProtection;
using ReelRights.Core.Ledger;

namespace ReelRights.Server.Hosting;

/// <summary>Encrypts stored secrets with ASP.NET Core Data Protection (keys under {DataDirectory}/keys).</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector protector = provider.CreateProtector("ReelRights.StoredSecrets.v1");

    public string Protect(string plaintext) => protector.Protect(plaintext);

    public string Unprotect(string protectedText) => protector.Unprotect(protectedText);
}
