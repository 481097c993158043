using System.Security.Cryptography;

namespace ReelRights.Core.Evidence;

internal static class EvidencePem
{
    /// <summary>A certificate chain as concatenated PEM blocks, leaf first.</summary>
    public static string Chain(IEnumerable<byte[]> certificates) =>
        string.Concat(certificates.Select(c => PemEncoding.WriteString("CERTIFICATE", c) + "\n"));
}
