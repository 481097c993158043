namespace ReelRights.Ledger.Tests.Support;

/// <summary>Known-answer files copied next to the test assembly (see the .csproj), so CI needs no ../shared.</summary>
internal static class TestVectorFiles
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestVectors");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Every *.json below a folder, as paths relative to <see cref="Root"/>, sorted for stable test names.</summary>
    public static IReadOnlyList<string> JsonFilesUnder(string relativeFolder) =>
        Directory.EnumerateFiles(PathOf(relativeFolder), "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
