namespace ReelRights.Media.Tests.Support;

/// <summary>Captured ffprobe outputs copied next to the test assembly (see Captured/README.md).</summary>
internal static class CapturedProbe
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Captured");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Root, name));

    public static TheoryData<string> AllNames()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Root, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }
}
