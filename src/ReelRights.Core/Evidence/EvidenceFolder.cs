using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReelRights.Ledger.Evidence;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Evidence;

/// <summary>
/// The working folder of one capture and the files that will be in its bundle, each with the
/// description the manifest gives it. Paths are the bundle's (forward slashes, relative).
/// </summary>
internal sealed class EvidenceFolder : IDisposable
{
    /// <summary>
    /// Files above this are stored rather than deflated: media is compressed already, and a file
    /// that deflates by more than 200× (a page of whitespace) would look like a zip bomb to the
    /// bundle verifier, which refuses such entries above 1 MiB.
    /// </summary>
    private const long StoreAbove = 1 << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly List<(string Path, string Description)> files = [];

    public EvidenceFolder() => Root = Directory.CreateTempSubdirectory("rr-evidence-").FullName;

    public string Root { get; }

    public IReadOnlyList<(string Path, string Description)> Files => files;

    public bool Contains(string path) => files.Any(f => f.Path == path);

    public string FullPath(string path) => System.IO.Path.Combine(Root, path);

    public void Write(string path, object value, string description) => WriteBytes(path, JsonSerializer.SerializeToUtf8Bytes(value, Json), description);

    public void WriteText(string path, string text, string description) => WriteBytes(path, Encoding.UTF8.GetBytes(text), description);

    public void WriteBytes(string path, byte[] bytes, string description)
    {
        var full = Prepare(path);
        File.WriteAllBytes(full, bytes);
        files.Add((path, description));
    }

    /// <summary>Moves a file (from this folder or elsewhere) into the bundle at <paramref name="path"/>.</summary>
    public void MoveIn(string source, string path, string description)
    {
        File.Move(source, Prepare(path));
        files.Add((path, description));
    }

    /// <summary>The manifest entries, hashed as streams: the copy may be gigabytes.</summary>
    public async Task<List<EvidenceFile>> DescribeAsync(CancellationToken cancellationToken)
    {
        var described = new List<EvidenceFile>(files.Count);
        foreach (var (path, description) in files)
        {
            await using var file = File.OpenRead(FullPath(path));
            var sha256 = await SHA256.HashDataAsync(file, cancellationToken);
            file.Position = 0;
            var sm3 = await Sm3.HashDataAsync(file, cancellationToken);
            described.Add(new EvidenceFile(path, file.Length, Convert.ToHexStringLower(sha256), Convert.ToHexStringLower(sm3), description));
        }
        return described;
    }

    /// <summary>Packs the manifest, the receipt and every file into a zip in this folder and returns its path.</summary>
    public async Task<string> PackAsync(byte[] manifest, string receipt, CancellationToken cancellationToken)
    {
        var zipPath = FullPath("bundle.zip");
        await using (var zipFile = File.Create(zipPath))
        await using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Create))
        {
            await AddAsync(zip, EvidenceManifest.ManifestPath, manifest, cancellationToken);
            await AddAsync(zip, EvidenceManifest.ReceiptPath, Encoding.UTF8.GetBytes(receipt), cancellationToken);
            foreach (var (path, _) in files)
            {
                var full = FullPath(path);
                var level = new FileInfo(full).Length > StoreAbove ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
                await zip.CreateEntryFromFileAsync(full, path, level, cancellationToken);
            }
        }
        return zipPath;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string Prepare(string path)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    private static async Task AddAsync(ZipArchive zip, string path, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var stream = await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }
}
