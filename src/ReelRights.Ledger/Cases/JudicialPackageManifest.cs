using System.Text.Json.Serialization;
using ReelRights.Ledger.Evidence;

namespace ReelRights.Ledger.Cases;

/// <summary>
/// The index of a judicial-confirmation package (司法确认申请材料, <c>reelrights/judicial-package@v1</c>):
/// every file with its size, SHA-256 and SM3; the case's steps, each with the receipt of its
/// sealed "case-transition" leaf; the agreement and who signed it in which step; the notice; the
/// evidence bundles. The index itself is not sealed: everything it claims is checked against the
/// receipts, which are.
/// </summary>
public sealed record JudicialPackageManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("case")] PackageCase Case,
    [property: JsonPropertyName("parties")] IReadOnlyList<PackageParty> Parties,
    [property: JsonPropertyName("steps")] IReadOnlyList<PackageStep> Steps,
    [property: JsonPropertyName("agreement")] PackageAgreement Agreement,
    [property: JsonPropertyName("notice")] PackageDocument? Notice,
    [property: JsonPropertyName("evidence")] IReadOnlyList<PackageEvidence> Evidence,
    [property: JsonPropertyName("files")] IReadOnlyList<EvidenceFile> Files)
{
    /// <summary>The format tag this version writes and reads.</summary>
    public const string FormatName = "reelrights/judicial-package@v1";
    /// <summary>Where the index is in the zip.</summary>
    public const string ManifestPath = "package.json";
}

/// <summary>The settled case the package is for.</summary>
public sealed record PackageCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("work")] string Work,
    [property: JsonPropertyName("settledAt")] string SettledAt,
    [property: JsonPropertyName("confirmationDueAt")] string? ConfirmationDueAt);

/// <summary>A party as the agreement names it.</summary>
public sealed record PackageParty(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("contact")] string? Contact);

/// <summary>One step of the case as the index states it; its receipt seals the same facts.</summary>
public sealed record PackageStep(
    [property: JsonPropertyName("sequence")] int Sequence,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("actorRole")] string ActorRole,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("attachmentsSha256")] string? AttachmentsSha256,
    [property: JsonPropertyName("attachmentsSm3")] string? AttachmentsSm3,
    [property: JsonPropertyName("leafIndex")] long LeafIndex,
    [property: JsonPropertyName("receipt")] string Receipt);

/// <summary>The agreement's files, the digests of its PDF, and its signatures.</summary>
public sealed record PackageAgreement(
    [property: JsonPropertyName("pdf")] string Pdf,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("sm3")] string Sm3,
    [property: JsonPropertyName("signatures")] IReadOnlyList<PackageSignature> Signatures);

/// <summary>A signature: the signing party and the step that sealed it.</summary>
public sealed record PackageSignature(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("signer")] string Signer,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("step")] int Step);

/// <summary>A document a step sealed by its SHA-256 (the notice).</summary>
public sealed record PackageDocument(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("step")] int Step);

/// <summary>An evidence bundle in the package, verifiable on its own.</summary>
public sealed record PackageEvidence(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("bundleId")] string BundleId,
    [property: JsonPropertyName("sha256")] string Sha256);
