using System.IO.Compression;
using System.Security.Cryptography;

namespace ReelRights.Ledger.Evidence;

/// <summary>
/// Reads the zips that verification takes (evidence bundles, judicial-confirmation packages)
/// defensively: names with paths outside the archive, duplicate names, too many entries and sizes
/// or compression ratios that betray a zip bomb are refused before anything is extracted; files
/// are checked against a manifest's sizes, SHA-256 and SM3, none missing and none added.
/// </summary>
public static class SafeZip
{
    private const double MaxCompressionRatio = 200;

    /// <summary>The archive's files by name, or null with the refusal added to <paramref name="checks"/>.</summary>
    public static Dictionary<string, ZipArchiveEntry>? Entries(ZipArchive archive, long maxTotalBytes, int maxEntries, List<BundleCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(checks);
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        long total = 0;
        if (archive.Entries.Count > maxEntries)
        {
            checks.Add(new BundleCheck("bundle", false, $"条目过多 / too many entries ({archive.Entries.Count})"));
            return null;
        }
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }
            if (!IsSafeName(entry.FullName))
            {
                checks.Add(new BundleCheck(entry.FullName, false, "文件名越出压缩包 / unsafe path in the archive"));
                return null;
            }
            if (!entries.TryAdd(entry.FullName, entry))
            {
                checks.Add(new BundleCheck(entry.FullName, false, "重复的文件名 / duplicate file name"));
                return null;
            }
            total += entry.Length;
            if (total > maxTotalBytes || (entry.CompressedLength > 0 && (double)entry.Length / entry.CompressedLength > MaxCompressionRatio && entry.Length > 1 << 20))
            {
                checks.Add(new BundleCheck(entry.FullName, false, "解压后体积异常（疑似 zip 炸弹）/ uncompressed size out of bounds (zip bomb?)"));
                return null;
            }
        }
        return entries;
    }

    /// <summary>
    /// Checks every file the manifest lists against the archive, and that the archive holds no
    /// file the manifest does not list (other than <paramref name="unlisted"/>).
    /// </summary>
    public static void CheckFiles(IReadOnlyDictionary<string, ZipArchiveEntry> entries, IReadOnlyList<EvidenceFile> files, IReadOnlySet<string> unlisted,
        List<BundleCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(unlisted);
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var file in files)
        {
            if (!entries.TryGetValue(file.Path, out var entry))
            {
                checks.Add(new BundleCheck(file.Path, false, "清单所列文件缺失 / listed in the manifest but missing"));
                continue;
            }
            var (sha256, sm3, size) = Digest(entry);
            var ok = size == file.Size && sha256 == file.Sha256 && sm3 == file.Sm3;
            checks.Add(new BundleCheck(file.Path, ok, ok
                ? $"SHA-256 {sha256[..16]}… SM3 {sm3[..16]}… {size} B"
                : $"内容与清单不符（被改动）/ does not match the manifest (changed): SHA-256 {sha256}"));
        }
        var listed = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in entries.Keys.Where(k => !listed.Contains(k) && !unlisted.Contains(k)))
        {
            checks.Add(new BundleCheck(extra, false, "清单中没有此文件（被添加）/ not in the manifest (added)"));
        }
    }

    /// <summary>Relative, forward-slash names without "..", "." segments, drive letters or control characters.</summary>
    public static bool IsSafeName(string name) =>
        name is { Length: > 0 and < 512 }
        && !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal) && !name.Contains(':', StringComparison.Ordinal)
        && !name.Any(char.IsControl)
        && name.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    /// <summary>The whole content of one entry (call after <see cref="Entries"/> has bounded the sizes).</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>Its bytes.</returns>
    public static byte[] ReadAll(ZipArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>SHA-256, SM3 and size of one entry, streamed.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>Lowercase hex digests and the byte count.</returns>
    public static (string Sha256, string Sm3, long Size) Digest(ZipArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var stream = entry.Open();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sm3 = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            size += read;
            sha.AppendData(buffer, 0, read);
            sm3.BlockUpdate(buffer, 0, read);
        }
        var sm3Digest = new byte[32];
        sm3.DoFinal(sm3Digest, 0);
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(sm3Digest), size);
    }
}
