using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Blobs;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Cases;
using ReelRights.Ledger.Evidence;

namespace ReelRights.Core.Cases.Mediation;

/// <summary>
/// The judicial-confirmation package (司法确认申请材料) of a settled case, as one zip that
/// <c>reelrights verify</c> checks offline: the signed agreement (PDF and HTML), the parties, every
/// step of the case with the receipt of its ledger leaf, the notice as sent, every evidence bundle
/// and the documents exchanged, indexed in <c>package.json</c> (see <see cref="JudicialPackageManifest"/>).
/// </summary>
public sealed class JudicialPackageBuilder(ReelRightsDbContext db, IBlobStore blobs, LedgerReader ledger, CaseSealer sealer, SettlementAgreements agreements)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the package of <paramref name="caseId"/> to <paramref name="output"/>; only for a party of a settled case.</summary>
    public async Task WriteAsync(Actor actor, Guid caseId, Stream output, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.CasesRead);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken);
        if (c is null || CaseMoves.RolesOf(actor, c).Count == 0)
        {
            throw ReelRightsException.NotFound("案件");
        }
        if (c.State != CaseState.Settled && c.Closure != CaseClosure.Settled)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "not-settled",
                "只有调解成功的案件才能生成司法确认申请材料。", "Only a settled case has a judicial-confirmation package.");
        }
        // A step a crash left unsealed is sealed now: the package needs every receipt.
        await sealer.SealPendingAsync(c.Id, cancellationToken);
        var agreement = await agreements.CurrentAsync(c.Id, cancellationToken);
        if (agreement?.State != AgreementState.Signed)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "agreement-unsigned", "和解协议尚未由双方签署。", "The settlement agreement has not been signed by both parties.");
        }
        var steps = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var signatures = await db.AgreementSignatures.AsNoTracking().Where(s => s.AgreementId == agreement.Id).OrderBy(s => s.At).ToListAsync(cancellationToken);
        var deadline = await db.CaseDeadlines.AsNoTracking().Where(d => d.CaseId == c.Id && d.Clock == ClockKind.JudicialConfirmation)
            .OrderByDescending(d => d.StartedAt).FirstOrDefaultAsync(cancellationToken);

        var files = new List<(string Path, byte[] Bytes, string Description)>
        {
            ("agreement/agreement.pdf", await agreements.ReadAsync(agreement.PdfSha256, cancellationToken), "双方签署的和解协议 / the settlement agreement both parties signed"),
            ("agreement/agreement.html", await agreements.ReadAsync(agreement.HtmlSha256, cancellationToken), "协议的 HTML 原文（PDF 由此打印）/ the agreement's HTML, from which the PDF was printed"),
        };
        var packageSteps = new List<PackageStep>();
        foreach (var step in steps)
        {
            var action = step.Action is { } a ? CaseSealer.Wire(a.ToString()) : "open";
            var path = $"history/{step.Sequence:000}-{action}.receipt.txt";
            var receipt = await ledger.ReceiptAsync(step.LedgerIndex!.Value, cancellationToken);
            files.Add((path, Encoding.UTF8.GetBytes(receipt.Encode()), $"第 {step.Sequence} 步的存证回执 / ledger receipt of step {step.Sequence}"));
            packageSteps.Add(new PackageStep(step.Sequence, action, step.FromState is { } f ? CaseSealer.Wire(f.ToString()) : null, CaseSealer.Wire(step.ToState.ToString()),
                CaseSealer.Wire(step.ActorRole.ToString()), step.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), step.Note,
                step.AttachmentsSha256, step.AttachmentsSm3, step.LedgerIndex.Value, path));
        }
        PackageDocument? notice = null;
        if (c.NoticeSha256 is { } noticeSha && steps.FirstOrDefault(s => s.Action == CaseAction.SendNotice) is { } sent)
        {
            files.Add(("notice/notice.html", await ReadAsync(noticeSha, cancellationToken), "送达平台的侵权通知 / the notice as delivered to the platform"));
            notice = new PackageDocument("notice/notice.html", noticeSha, sent.Sequence);
        }
        var evidence = new List<PackageEvidence>();
        var bundleIds = await db.CaseLocations.AsNoTracking().Where(l => l.CaseId == c.Id && l.EvidenceBundleId != null)
            .Select(l => l.EvidenceBundleId!.Value).Distinct().ToListAsync(cancellationToken);
        foreach (var bundle in await db.EvidenceBundles.AsNoTracking().Where(b => bundleIds.Contains(b.Id) && b.BundleSha256 != null).ToListAsync(cancellationToken))
        {
            var path = $"evidence/{bundle.Id}.zip";
            files.Add((path, await ReadAsync(bundle.BundleSha256!, cancellationToken), "证据包（可单独验证）/ evidence bundle (verifiable on its own)"));
            evidence.Add(new PackageEvidence(path, bundle.Id.ToString(), bundle.BundleSha256!));
        }
        foreach (var message in await db.CaseMessages.AsNoTracking().Where(m => m.CaseId == c.Id && m.DocumentSha256 != null).OrderBy(m => m.At).ToListAsync(cancellationToken))
        {
            var path = $"documents/{message.DocumentSha256![..12]}-{message.DocumentName}";
            if (files.All(f => f.Path != path) && SafeZip.IsSafeName(path))
            {
                files.Add((path, await ReadAsync(message.DocumentSha256, cancellationToken), $"调解中提交的文件（{message.AuthorName}）/ document submitted in mediation"));
            }
        }
        files.Add(("README.txt", Encoding.UTF8.GetBytes(Readme(c)), "说明 / how to check this package"));

        var claimant = await db.Organizations.AsNoTracking().Where(o => o.Id == c.ClaimantOrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var mediator = await db.Organizations.AsNoTracking().Where(o => o.Id == c.MediatorOrganizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        var parties = new List<PackageParty> { new("claimant", claimant, null) };
        parties.Add(SettlementAgreements.Signers(c)[1] == CaseRole.Respondent
            ? new PackageParty("respondent", c.RespondentName ?? "", c.RespondentContact)
            : new PackageParty("platform", c.PlatformName, c.PlatformEmail));
        if (mediator is not null)
        {
            parties.Add(new PackageParty("mediator", mediator, null));
        }
        var settle = steps.Last(s => s.Action == CaseAction.Settle);
        var manifest = new JudicialPackageManifest(
            JudicialPackageManifest.FormatName,
            new PackageCase(c.Id.ToString(), c.Number, c.Title, c.WorkId.ToString(),
                settle.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                deadline?.DueAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            parties,
            packageSteps,
            new PackageAgreement("agreement/agreement.pdf", "agreement/agreement.html", agreement.PdfSha256, agreement.PdfSm3,
                signatures.Select(s => new PackageSignature(CaseSealer.Wire(s.Role.ToString()), s.SignerName,
                    s.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), steps.Single(e => e.Id == s.CaseEventId).Sequence)).ToList()),
            notice,
            evidence,
            files.Select(f => new EvidenceFile(f.Path, f.Bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(f.Bytes)),
                Convert.ToHexStringLower(ReelRights.Ledger.Records.Sm3.HashData(f.Bytes)), f.Description)).ToList());

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await WriteEntryAsync(zip, JudicialPackageManifest.ManifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, Indented), cancellationToken);
        foreach (var (path, bytes, _) in files)
        {
            await WriteEntryAsync(zip, path, bytes, cancellationToken);
        }
    }

    private Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken) =>
        blobs.ReadAllBytesAsync(sha256, () => new ReelRightsException(ErrorKind.Unavailable, "package-file-missing",
            $"案件文件 {sha256[..12]}… 在存储中缺失；请联系管理员检查存储。", $"The case file {sha256[..12]}… is missing from storage; ask an operator to check the storage."), cancellationToken);

    private static async Task WriteEntryAsync(ZipArchive zip, string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(path, path.EndsWith(".zip", StringComparison.Ordinal) || path.EndsWith(".pdf", StringComparison.Ordinal)
            ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private static string Readme(EnforcementCase c) => $"""
        司法确认申请材料 / Judicial-confirmation package
        案号 / Case: {c.Number}

        本压缩包包含：双方签署的和解协议（agreement/）、案件每一步的存证回执（history/）、
        送达平台的侵权通知（notice/）、证据包（evidence/）及调解中提交的文件（documents/），
        索引见 package.json（每个文件的 SHA-256 与 SM3）。
        依《民事诉讼法》第二百零五条，双方应自调解协议生效之日起三十日内共同申请司法确认。

        离线核验 / Verify offline:
            reelrights verify {c.Number}-judicial-package.zip
        核验每个文件的摘要、每张回执（包含证明、检查点签名、RFC 3161 时间戳），
        以及两方签署步骤与调解成功步骤所封存的协议 PDF 摘要是否与本包中的 PDF 一致。

        This zip holds the signed settlement agreement (agreement/), the ledger receipt of every
        step of the case (history/), the notice as delivered (notice/), the evidence bundles
        (evidence/) and the documents exchanged in mediation (documents/), indexed in package.json.
        Under art. 205 of the Civil Procedure Law the parties apply jointly for judicial
        confirmation within 30 days of the agreement taking effect. `reelrights verify` checks every
        file's digests, every receipt, and that the PDF here is the one both signing steps and the
        settle step sealed.
        """;
}
