using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReelRights.Ledger.Evidence;

/// <summary>
/// The manifest of an evidence bundle (<c>reelrights/evidence-bundle@v1</c>): every file in the
/// bundle with its size, SHA-256 and SM3, and what was captured. Its own SHA-256 is what the ledger
/// seals, so the receipt in the bundle vouches for every file through it.
/// </summary>
public sealed record EvidenceManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("bundleId")] string BundleId,
    [property: JsonPropertyName("capturedAt")] string CapturedAt,
    [property: JsonPropertyName("subject")] JsonElement Subject,
    [property: JsonPropertyName("files")] IReadOnlyList<EvidenceFile> Files)
{
    /// <summary>The format tag this version writes and reads.</summary>
    public const string FormatName = "reelrights/evidence-bundle@v1";
    /// <summary>Where the manifest is in the zip.</summary>
    public const string ManifestPath = "manifest.json";
    /// <summary>Where the ledger receipt is in the zip.</summary>
    public const string ReceiptPath = "receipt.txt";
}

/// <summary>One file of a bundle, as listed in its manifest.</summary>
public sealed record EvidenceFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("sm3")] string Sm3,
    [property: JsonPropertyName("description")] string Description);
