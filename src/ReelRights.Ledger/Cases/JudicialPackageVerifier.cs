using System.IO.Compression;
using System.Text.Json;
using ReelRights.Ledger.Evidence;
using ReelRights.Ledger.Receipts;
using ReelRights.Ledger.Records;

namespace ReelRights.Ledger.Cases;

/// <summary>The outcome of verifying a judicial-confirmation package.</summary>
public sealed record JudicialPackageResult(IReadOnlyList<BundleCheck> Checks, JudicialPackageManifest? Manifest)
{
    /// <summary>Every check passed.</summary>
    public bool IsValid => Checks.Count > 0 && Checks.All(c => c.Passed);
    /// <summary>The first check that failed.</summary>
    public BundleCheck? FirstFailure => Checks.FirstOrDefault(c => !c.Passed);
}

/// <summary>
/// Verifies a judicial-confirmation package offline. Every file against the index (none missing,
/// none added); every step's receipt against the pinned log keys and TSA certificates, and its
/// sealed leaf against what the index says of the step (case, number, action, states, time,
/// digests), the steps numbered 1…n without a gap; the agreement PDF against the digests both
/// signature steps and the settle step sealed, signed by the claimant and one other party; the
/// notice against the digest its send-notice step sealed; each evidence bundle as a bundle of its own.
/// </summary>
public sealed class JudicialPackageVerifier(ReceiptVerifier receipts, long maxTotalBytes = 16L << 30, int maxEntries = 20_000)
{
    /// <summary>Whether <paramref name="archive"/> is a judicial package (it has the package index) rather than an evidence bundle.</summary>
    /// <param name="archive">An opened zip.</param>
    /// <returns>True for a package.</returns>
    public static bool IsPackage(ZipArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        return archive.GetEntry(JudicialPackageManifest.ManifestPath) is not null;
    }

    /// <summary>Verifies the package in <paramref name="zip"/> (a seekable stream; left open).</summary>
    /// <param name="zip">The package.</param>
    /// <returns>Every check, in order: files, steps, agreement, notice, evidence.</returns>
    public JudicialPackageResult Verify(Stream zip)
    {
        var checks = new List<BundleCheck>();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            checks.Add(new BundleCheck("package", false, "不是有效的 zip 文件 / not a valid zip file: " + e.Message));
            return new JudicialPackageResult(checks, null);
        }
        using (archive)
        {
            if (SafeZip.Entries(archive, maxTotalBytes, maxEntries, checks) is not { } entries)
            {
                return new JudicialPackageResult(checks, null);
            }
            if (!entries.TryGetValue(JudicialPackageManifest.ManifestPath, out var manifestEntry))
            {
                checks.Add(new BundleCheck(JudicialPackageManifest.ManifestPath, false, "缺少索引 / package index missing"));
                return new JudicialPackageResult(checks, null);
            }
            JudicialPackageManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<JudicialPackageManifest>(SafeZip.ReadAll(manifestEntry));
            }
            catch (JsonException e)
            {
                checks.Add(new BundleCheck(JudicialPackageManifest.ManifestPath, false, "索引不是有效的 JSON / index is not valid JSON: " + e.Message));
                return new JudicialPackageResult(checks, null);
            }
            if (manifest is not { Format: JudicialPackageManifest.FormatName, Files: not null, Steps: not null, Agreement: not null, Case: not null })
            {
                checks.Add(new BundleCheck(JudicialPackageManifest.ManifestPath, false, "索引格式不符 / not a reelrights/judicial-package@v1 index"));
                return new JudicialPackageResult(checks, null);
            }

            SafeZip.CheckFiles(entries, manifest.Files, new HashSet<string>(StringComparer.Ordinal) { JudicialPackageManifest.ManifestPath }, checks);
            var sealedSteps = CheckSteps(manifest, entries, checks);
            CheckAgreement(manifest, sealedSteps, checks);
            CheckNotice(manifest, sealedSteps, checks);
            CheckEvidence(manifest, entries, checks);
            return new JudicialPackageResult(checks, manifest);
        }
    }

    /// <summary>Each step's receipt verified and its sealed payload compared with the index; returns the sealed payloads by step.</summary>
    private Dictionary<int, JsonElement> CheckSteps(JudicialPackageManifest manifest, Dictionary<string, ZipArchiveEntry> entries, List<BundleCheck> checks)
    {
        var sealedSteps = new Dictionary<int, JsonElement>();
        var expected = 1;
        foreach (var step in manifest.Steps.OrderBy(s => s.Sequence))
        {
            var subject = $"步骤 / step {step.Sequence} ({step.Action})";
            if (step.Sequence != expected++)
            {
                checks.Add(new BundleCheck(subject, false, $"步骤编号不连续（缺少第 {expected - 1} 步）/ steps are not numbered without a gap (step {expected - 1} missing)"));
                expected = step.Sequence + 1;
            }
            if (!entries.TryGetValue(step.Receipt, out var entry))
            {
                checks.Add(new BundleCheck(subject, false, "缺少该步骤的存证回执 / the step's receipt is missing"));
                continue;
            }
            Receipt receipt;
            try
            {
                receipt = Receipt.Parse(System.Text.Encoding.UTF8.GetString(SafeZip.ReadAll(entry)));
            }
            catch (FormatException e)
            {
                checks.Add(new BundleCheck(subject, false, "回执无效 / invalid receipt: " + e.Message));
                continue;
            }
            var verified = receipts.Verify(receipt);
            checks.Add(new BundleCheck(subject + ": 回执 / receipt", verified.IsValid,
                verified.IsValid ? $"存证序号 / ledger entry {receipt.LeafIndex}" + (verified.Timestamp is { } t ? $", {t.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "") : verified.FailureMessage ?? "invalid"));
            if (verified.Record is not { Type: LedgerRecordType.CaseTransition } record)
            {
                checks.Add(new BundleCheck(subject, false, "回执封存的不是案件步骤 / the receipt does not seal a case step"));
                continue;
            }
            using var doc = JsonDocument.Parse(record.Payload);
            var payload = doc.RootElement.Clone();
            sealedSteps[step.Sequence] = payload;
            var mismatch = Mismatch(payload, manifest.Case, step, receipt.LeafIndex);
            checks.Add(new BundleCheck(subject, mismatch is null, mismatch is null
                ? "与存证记录一致 / matches the sealed record"
                : $"与存证记录不符（{mismatch}）/ does not match the sealed record ({mismatch})"));
        }
        if (manifest.Steps.Count == 0)
        {
            checks.Add(new BundleCheck("steps", false, "没有案件步骤 / no case steps"));
        }
        return sealedSteps;
    }

    private static string? Mismatch(JsonElement sealedStep, PackageCase c, PackageStep step, long leafIndex)
    {
        var fields = new (string Name, string? Sealed, string? Stated)[]
        {
            ("case", Str(sealedStep, "case"), c.Id),
            ("number", Str(sealedStep, "number"), c.Number),
            ("work", Str(sealedStep, "work"), c.Work),
            ("action", Str(sealedStep, "action"), step.Action),
            ("from", Str(sealedStep, "from"), step.From),
            ("to", Str(sealedStep, "to"), step.To),
            ("at", Str(sealedStep, "at"), step.At),
            ("attachmentsSha256", Str(sealedStep, "attachmentsSha256"), step.AttachmentsSha256),
            ("attachmentsSm3", Str(sealedStep, "attachmentsSm3"), step.AttachmentsSm3),
            ("actor", sealedStep.TryGetProperty("actor", out var actor) ? Str(actor, "role") : null, step.ActorRole),
        };
        if (fields.FirstOrDefault(f => f.Sealed != f.Stated) is { Name: not null } differs)
        {
            return differs.Name;
        }
        if (!sealedStep.TryGetProperty("step", out var n) || n.ValueKind != JsonValueKind.Number || n.GetInt32() != step.Sequence)
        {
            return "step";
        }
        return leafIndex == step.LeafIndex ? null : "leafIndex";
    }

    private static void CheckAgreement(JudicialPackageManifest manifest, Dictionary<int, JsonElement> sealedSteps, List<BundleCheck> checks)
    {
        var a = manifest.Agreement;
        var pdf = manifest.Files.FirstOrDefault(f => f.Path == a.Pdf);
        var pdfOk = pdf is not null && pdf.Sha256 == a.Sha256 && pdf.Sm3 == a.Sm3;
        checks.Add(new BundleCheck(a.Pdf, pdfOk, pdfOk ? "协议 PDF 摘要与索引一致 / agreement PDF digests match the index" : "协议 PDF 与索引所述摘要不符 / agreement PDF does not have the digests the index states"));
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signature in a.Signatures ?? [])
        {
            var subject = $"签署 / signature: {signature.Role}";
            var ok = sealedSteps.TryGetValue(signature.Step, out var step)
                && Str(step, "action") == "sign-agreement"
                && step.TryGetProperty("actor", out var actor) && Str(actor, "role") == signature.Role
                && Str(step, "attachmentsSha256") == a.Sha256 && Str(step, "attachmentsSm3") == a.Sm3;
            checks.Add(new BundleCheck(subject, ok, ok
                ? $"第 {signature.Step} 步封存了此 PDF 的 SHA-256 与 SM3 / step {signature.Step} sealed this PDF's SHA-256 and SM3 ({signature.Signer})"
                : "签署步骤未封存此协议 PDF（协议被改动或签署被伪造）/ the signing step did not seal this agreement PDF (changed agreement or forged signature)"));
            if (ok)
            {
                roles.Add(signature.Role);
            }
        }
        var bothSigned = roles.Contains("claimant") && roles.Count >= 2;
        checks.Add(new BundleCheck("签署 / signatures", bothSigned, bothSigned
            ? "权利人与对方当事人均已签署 / signed by the rights holder and the other party"
            : "协议缺少一方的签署 / the agreement lacks a party's signature"));
        var settled = sealedSteps.Values.Any(s => Str(s, "action") == "settle" && Str(s, "attachmentsSha256") == a.Sha256);
        checks.Add(new BundleCheck("调解成功 / settlement", settled, settled
            ? "调解成功步骤封存了此协议 / the settle step sealed this agreement"
            : "没有封存此协议的调解成功步骤 / no settle step sealed this agreement"));
    }

    private static void CheckNotice(JudicialPackageManifest manifest, Dictionary<int, JsonElement> sealedSteps, List<BundleCheck> checks)
    {
        if (manifest.Notice is not { } notice)
        {
            return;
        }
        var file = manifest.Files.FirstOrDefault(f => f.Path == notice.Path);
        var ok = file is not null && file.Sha256 == notice.Sha256 && sealedSteps.TryGetValue(notice.Step, out var step)
            && Str(step, "action") == "send-notice" && Str(step, "attachmentsSha256") == notice.Sha256;
        checks.Add(new BundleCheck(notice.Path, ok, ok
            ? $"与第 {notice.Step} 步封存的通知一致 / matches the notice sealed by step {notice.Step}"
            : "与发送通知步骤封存的摘要不符 / does not match the digest the send-notice step sealed"));
    }

    private void CheckEvidence(JudicialPackageManifest manifest, Dictionary<string, ZipArchiveEntry> entries, List<BundleCheck> checks)
    {
        foreach (var evidence in manifest.Evidence ?? [])
        {
            if (!entries.TryGetValue(evidence.Path, out var entry))
            {
                checks.Add(new BundleCheck(evidence.Path, false, "证据包缺失 / evidence bundle missing"));
                continue;
            }
            using var copy = new MemoryStream(SafeZip.ReadAll(entry));
            var result = new EvidenceBundleVerifier(receipts).Verify(copy);
            checks.Add(new BundleCheck(evidence.Path, result.IsValid, result.IsValid
                ? $"证据包有效（{result.Checks.Count} 项检查）/ evidence bundle valid ({result.Checks.Count} checks)"
                : $"证据包无效 / evidence bundle invalid: {result.FirstFailure?.Subject} — {result.FirstFailure?.Detail}"));
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
