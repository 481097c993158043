using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReelRights.Fingerprinting;
using ReelRights.Fingerprinting.Indexing;

namespace ReelRights.Cli.Fingerprinting;

/// <summary>
/// The on-disk index of <c>reelrights index add / match --index DIR</c>:
/// <c>DIR/references/*.rrfp</c> (each reference's fingerprint, named by a hash of its id),
/// <c>DIR/references.json</c> (id → file) and <c>DIR/index.rrix</c> (the built index, rebuilt
/// from all references on every add, because common content is found between references).
/// Files are written to a temporary name and moved into place, so a crash leaves the old index.
/// </summary>
internal sealed class IndexDirectory(string root)
{
    private const string ManifestName = "references.json";
    private const string IndexName = "index.rrix";

    public string Root { get; } = Path.GetFullPath(root);

    public bool HasIndex => File.Exists(Path.Combine(Root, IndexName));

    /// <summary>
    /// Loads the index; one written by an older engine version is first rebuilt from the
    /// references' fingerprint files (their format has not changed), so an upgrade needs no
    /// manual step.
    /// </summary>
    public async Task<ReferenceIndex> LoadAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        if (!await IsCurrentAsync(cancellationToken) && File.Exists(Path.Combine(Root, ManifestName)))
        {
            await progress.WriteLineAsync("索引由旧版本生成，正在从参考指纹重建 / the index was built by an older version; rebuilding it from the reference fingerprints");
            return await AddAsync([], cancellationToken);
        }

        return await ReadIndexAsync();
    }

    /// <summary>False for an index file of another version (a file that is not an index at all counts as current, so reading it reports the error).</summary>
    private async Task<bool> IsCurrentAsync(CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await using (var probe = File.OpenRead(Path.Combine(Root, IndexName)))
        {
            await probe.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        }

        return !header.AsSpan(0, 4).SequenceEqual("RRIX"u8) || ReferenceIndex.IsCurrentFormat(header);
    }

    private async Task<ReferenceIndex> ReadIndexAsync()
    {
        await using var stream = new FileStream(Path.Combine(Root, IndexName), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return ReferenceIndex.ReadFrom(stream);
    }

    /// <param name="added">References to add (an id already there is replaced).</param>
    /// <param name="cancellationToken">Stops the rebuild.</param>
    /// <param name="searchCommonContent">
    /// Match every reference against the others for shared content (default). When false, for
    /// bulk loads, the shared content found before is kept and none is searched for the new ones.
    /// </param>
    public async Task<ReferenceIndex> AddAsync(IReadOnlyList<(string Id, Fingerprint Fingerprint)> added, CancellationToken cancellationToken, bool searchCommonContent = true)
    {
        IReadOnlyList<CommonSpan>? known = null;
        if (!searchCommonContent)
        {
            known = [];
            if (HasIndex && await IsCurrentAsync(cancellationToken))
            {
                known = (await ReadIndexAsync()).CommonContent;
            }
            else if (HasIndex)
            {
                throw ReelRights.Core.ReelRightsException.Invalid("index-outdated",
                    "索引由旧版本生成，无法保留其共有内容：请先不带 --skip-common-content 添加一次。",
                    "The index was built by an older version and its shared content cannot be kept: add once without --skip-common-content first.");
            }
        }

        Directory.CreateDirectory(Path.Combine(Root, "references"));
        var manifest = await ReadManifestAsync(cancellationToken);
        foreach (var (id, fingerprint) in added)
        {
            var file = "references/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32] + ".rrfp";
            await WriteAtomicallyAsync(Path.Combine(Root, file), fingerprint.WriteTo, cancellationToken);
            manifest[id] = file;
        }

        // The references just added are in memory already; only the others are read back.
        var fresh = new Dictionary<string, Fingerprint>(StringComparer.Ordinal);
        foreach (var (id, fingerprint) in added)
        {
            fresh[id] = fingerprint;
        }

        var entries = new List<ReferenceEntry>();
        foreach (var (id, file) in manifest.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (fresh.TryGetValue(id, out var fingerprint))
            {
                entries.Add(new ReferenceEntry(id, fingerprint));
                continue;
            }

            await using var stream = File.OpenRead(Path.Combine(Root, file));
            entries.Add(new ReferenceEntry(id, Fingerprint.ReadFrom(stream)));
        }

        var index = ReferenceIndex.Build(entries, known, cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(Root, IndexName), index.WriteTo, cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(Root, ManifestName),
            s => JsonSerializer.Serialize(s, manifest.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary()), cancellationToken);
        return index;
    }

    private async Task<Dictionary<string, string>> ReadManifestAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, ManifestName);
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        await using var stream = File.OpenRead(path);
        var manifest = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(stream, cancellationToken: cancellationToken) ?? [];
        foreach (var file in manifest.Values)
        {
            // The manifest is ours, but never let it point outside the index folder.
            if (!file.StartsWith("references/", StringComparison.Ordinal) || file.Contains("..", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"索引清单无效 / invalid index manifest entry: {file}");
            }
        }

        return new Dictionary<string, string>(manifest, StringComparer.Ordinal);
    }

    private static async Task WriteAtomicallyAsync(string path, Action<Stream> write, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            write(stream);
            await stream.FlushAsync(cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
