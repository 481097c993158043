using Microsoft.AspNetCore.DataProtection;
using ReelRights.Core.Ledger;

namespace ReelRights.Bench;

/// <summary>What the benchmarks share: where the repository is, and throw-away secret protection.</summary>
internal static class BenchSupport
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReelRights.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>The nearest-rank percentile (<paramref name="p"/> from 0 to 1) of the values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Keys live only as long as the benchmark process.</summary>
    public sealed class EphemeralProtector : ISecretProtector
    {
        private readonly IDataProtector inner = new EphemeralDataProtectionProvider().CreateProtector("bench");

        public string Protect(string plaintext) => inner.Protect(plaintext);

        public string Unprotect(string protectedText) => inner.Unprotect(protectedText);
    }
}
