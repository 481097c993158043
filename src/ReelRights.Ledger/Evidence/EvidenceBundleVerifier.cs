using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;

namespace ReelRights.Ledger.Evidence;

/// <summary>One check of a bundle: a file against the manifest, the manifest against the receipt, or a receipt check.</summary>
public sealed record BundleCheck(string Subject, bool Passed, string Detail);

/// <summary>The outcome of verifying a bundle; <see cref="FirstFailure"/> names the broken part.</summary>
public sealed record BundleVerificationResult(IReadOnlyList<BundleCheck> Checks, EvidenceManifest? Manifest, ReceiptVerificationResult? Receipt)
{
    /// <summary>Every check passed.</summary>
    public bool IsValid => Checks.Count > 0 && Checks.All(c => c.Passed);
    /// <summary>The first check that failed, naming the file or part.</summary>
    public BundleCheck? FirstFailure => Checks.FirstOrDefault(c => !c.Passed);
}

/// <summary>
/// Verifies an evidence bundle offline: every file against the manifest (size, SHA-256, SM3; no
/// file missing, none added), the manifest against the ledger receipt in the bundle (its digests are
/// what the leaf seals), and the receipt against pinned log keys and TSA certificates. The zip is
/// read defensively: names with paths outside the bundle, duplicate names, too many entries and
/// sizes or compression ratios that betray a zip bomb are refused before anything is extracted.
/// </summary>
public sealed class EvidenceBundleVerifier(ReceiptVerifier receipts, long maxTotalBytes = 8L << 30, int maxEntries = 10_000)
{
    /// <summary>Verifies the bundle in <paramref name="zip"/> (a seekable stream; left open).</summary>
    /// <param name="zip">The bundle.</param>
    /// <returns>Every check, in order: files, manifest, receipt.</returns>
    public BundleVerificationResult Verify(Stream zip)
    {
        var checks = new List<BundleCheck>();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            return Fail(checks, "bundle", "不是有效的 zip 文件 / not a valid zip file: " + e.Message);
        }
        using (archive)
        {
            if (SafeZip.Entries(archive, maxTotalBytes, maxEntries, checks) is not { } entries)
            {
                return new BundleVerificationResult(checks, null, null);
            }

            if (!entries.TryGetValue(EvidenceManifest.ManifestPath, out var manifestEntry))
            {
                return Fail(checks, EvidenceManifest.ManifestPath, "缺少清单 / manifest missing");
            }
            var manifestBytes = SafeZip.ReadAll(manifestEntry);
            EvidenceManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestBytes);
            }
            catch (JsonException e)
            {
                return Fail(checks, EvidenceManifest.ManifestPath, "清单不是有效的 JSON / manifest is not valid JSON: " + e.Message);
            }
            if (manifest is null || manifest.Format != EvidenceManifest.FormatName || manifest.Files is null)
            {
                return Fail(checks, EvidenceManifest.ManifestPath, "清单格式不符 / not a reelrights/evidence-bundle@v1 manifest");
            }

            SafeZip.CheckFiles(entries, manifest.Files, new HashSet<string>(StringComparer.Ordinal) { EvidenceManifest.ManifestPath, EvidenceManifest.ReceiptPath }, checks);

            if (!entries.TryGetValue(EvidenceManifest.ReceiptPath, out var receiptEntry))
            {
                checks.Add(new BundleCheck(EvidenceManifest.ReceiptPath, false, "缺少存证回执 / ledger receipt missing"));
                return new BundleVerificationResult(checks, manifest, null);
            }
            Receipt receipt;
            try
            {
                receipt = Receipt.Parse(System.Text.Encoding.UTF8.GetString(SafeZip.ReadAll(receiptEntry)));
            }
            catch (FormatException e)
            {
                checks.Add(new BundleCheck(EvidenceManifest.ReceiptPath, false, "回执无效 / invalid receipt: " + e.Message));
                return new BundleVerificationResult(checks, manifest, null);
            }
            var sealedDigest = SealedManifestDigest(receipt);
            var manifestDigest = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
            checks.Add(new BundleCheck(EvidenceManifest.ManifestPath, sealedDigest == manifestDigest, sealedDigest == manifestDigest
                ? "清单摘要与存证一致 / manifest digest matches the sealed record"
                : $"清单与存证记录不符（被改动）/ manifest does not match the sealed record (sealed {sealedDigest ?? "none"})"));
            var verified = receipts.Verify(receipt);
            foreach (var check in verified.Checks)
            {
                checks.Add(new BundleCheck(EvidenceManifest.ReceiptPath + ": " + ReceiptCheckNames.Label(check.Check),
                    check.Status != ReceiptCheckStatus.Failed, check.Detail));
            }
            return new BundleVerificationResult(checks, manifest, verified);
        }
    }

    private static string? SealedManifestDigest(Receipt receipt)
    {
        try
        {
            var record = LedgerRecord.Parse(receipt.LeafData.Span);
            using var payload = JsonDocument.Parse(record.Payload);
            return payload.RootElement.TryGetProperty("manifestSha256", out var digest) ? digest.GetString() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static BundleVerificationResult Fail(List<BundleCheck> checks, string subject, string detail)
    {
        checks.Add(new BundleCheck(subject, false, detail));
        return new BundleVerificationResult(checks, null, null);
    }
}
