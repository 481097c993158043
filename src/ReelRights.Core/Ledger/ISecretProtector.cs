namespace ReelRights.Core.Ledger;

/// <summary>Encrypts secrets kept in the database (signing keys, the TSA key); the host supplies it.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    string Unprotect(string protectedText);
}
