using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Blobs;
using ReelRights.Core.Certificates;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Works;

/// <summary>
/// The registration certificate (登记证书) of a sealed registration: an HTML page and a PDF made
/// from it once by headless Chromium, stored, and its SHA-256 sealed on the ledger as an
/// attestation — so the public verification page can tell an issued certificate from an edited
/// one, and anyone can prove offline when it was issued.
/// </summary>
public sealed class CertificateService(
    ReelRightsDbContext db, IBlobStore blobs, LedgerReader reader, LedgerAppender appender, ChromiumPdfRenderer renderer,
    IOptions<RegistrationOptions> options)
{
    public async Task<string> HtmlAsync(Registration registration, CancellationToken cancellationToken) =>
        CertificateHtml.Render(await ModelAsync(registration, cancellationToken));

    // One render at a time in this process: Chromium is heavy, and the owner's first download
    // often races the background job that renders right after sealing.
    private static readonly SemaphoreSlim Rendering = new(1, 1);

    /// <summary>The stored PDF, made on first use. Concurrent first uses (other nodes too) keep the first stored.</summary>
    public async Task<byte[]> PdfAsync(Registration registration, CancellationToken cancellationToken)
    {
        await Rendering.WaitAsync(cancellationToken);
        try
        {
            var current = await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == registration.Id, cancellationToken);
            if (current.CertificatePdfSha256 is { } existing)
            {
                return await ReadStoredAsync(existing, cancellationToken);
            }
            var pdf = await renderer.RenderPdfAsync(await HtmlAsync(current, cancellationToken), cancellationToken);
            var blob = await blobs.PutAsync(new MemoryStream(pdf), pdf.Length, cancellationToken);
            var won = await db.Registrations.Where(r => r.Id == registration.Id && r.CertificatePdfSha256 == null)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.CertificatePdfSha256, blob.Sha256), cancellationToken) == 1;
            if (!won)
            {
                // Another node stored its rendering first; that one is the certificate.
                var stored = (await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == registration.Id, cancellationToken)).CertificatePdfSha256!;
                if (stored != blob.Sha256)
                {
                    blobs.Delete(blob.Sha256);
                }
                return await ReadStoredAsync(stored, cancellationToken);
            }
            registration.CertificatePdfSha256 = blob.Sha256;
            var payload = new
            {
                certificate = current.CertificateNumber,
                registrationLeaf = current.LeafIndex,
                pdfSha256 = blob.Sha256,
                pdfSm3 = blob.Sm3,
            };
            await appender.AppendAsync(LedgerRecord.Create(LedgerRecordType.Attestation, JsonSerializer.SerializeToUtf8Bytes(payload)),
                current.OrganizationId, cancellationToken);
            return pdf;
        }
        finally
        {
            Rendering.Release();
        }
    }

    private async Task<byte[]> ReadStoredAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var stored = blobs.OpenRead(sha256) ?? throw new ReelRightsException(ErrorKind.Unavailable, "certificate-missing",
            "证书文件在存储中缺失；请联系管理员运行存储检查。", "The certificate file is missing from storage; ask an operator to check the storage.");
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>Where the certificate's QR code leads: the public verification page for this certificate.</summary>
    public string VerificationUrl(string certificateNumber) =>
        $"{options.Value.PublicUrl.TrimEnd('/')}/verify?certificate={Uri.EscapeDataString(certificateNumber)}";

    private async Task<CertificateModel> ModelAsync(Registration registration, CancellationToken cancellationToken)
    {
        if (registration.State != RegistrationState.Sealed || registration.LeafIndex is not { } leaf || registration.CertificateNumber is not { } number)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "not-sealed", "该登记尚未存证上链，没有证书。", "This registration is not sealed yet; there is no certificate.");
        }
        var entry = await reader.EntryAsync(leaf, cancellationToken) ?? throw ReelRightsException.NotFound("条目");
        var checkpoint = await reader.LatestCheckpointAsync(cancellationToken) ?? throw ReelRightsException.NotFound("检查点");
        var record = LedgerRecord.Parse(entry.Data);
        using var payload = JsonDocument.Parse(record.Payload);
        var root = payload.RootElement;
        var work = root.GetProperty("work");
        var type = Enum.Parse<WorkType>(work.GetProperty("type").GetString()!);
        var (typeZh, typeEn) = WorkTypeNames(type);
        var aigc = root.GetProperty("aigcDeclaration");
        return new CertificateModel
        {
            CertificateNumber = number,
            WorkCode = work.GetProperty("code").GetString()!,
            WorkTitle = work.GetProperty("title").GetString()!,
            WorkTypeZh = typeZh,
            WorkTypeEn = typeEn,
            OwnerName = root.GetProperty("owner").GetProperty("name").GetString()!,
            RegisteredAt = DateTimeOffset.Parse(root.GetProperty("registeredAt").GetString()!, CultureInfo.InvariantCulture),
            LeafIndex = leaf,
            LeafHash = Convert.ToHexStringLower(entry.LeafHash),
            CheckpointTreeSize = checkpoint.TreeSize,
            LogOrigin = Checkpoint.Parse(SignedNote.Parse(checkpoint.Note).Text).Origin,
            Episodes = root.GetProperty("episodes").EnumerateArray().Select(e => new CertificateEpisode(
                e.GetProperty("number").GetInt32(),
                e.GetProperty("code").GetString()!,
                e.GetProperty("title").GetString()!,
                e.TryGetProperty("durationSeconds", out var d) && d.ValueKind == JsonValueKind.String
                    ? double.Parse(d.GetString()!, CultureInfo.InvariantCulture) : 0,
                Text(e, "mediaSha256"),
                Text(e, "mediaSm3"),
                Text(e, "fingerprintSha256") ?? "")).ToList(),
            Rights = root.GetProperty("rights").EnumerateArray().Select(r =>
            {
                var kind = Enum.Parse<RightKind>(r.GetProperty("right").GetString()!);
                var (zh, en) = RightNames(kind);
                var term = (Text(r, "startsOn"), Text(r, "endsOn")) switch
                {
                    (null, null) => "—",
                    (var from, var to) => $"{from ?? "…"} – {to ?? "…"}",
                };
                return new CertificateRight(zh, en, r.GetProperty("holder").GetString()!, r.GetProperty("territory").GetString()!, term);
            }).ToList(),
            AigcSummaryZh = AigcSummary(aigc, chinese: true),
            AigcSummaryEn = AigcSummary(aigc, chinese: false),
            Documents = root.GetProperty("documents").EnumerateArray()
                .Select(d => new CertificateDocument(d.GetProperty("fileName").GetString()!, d.GetProperty("sha256").GetString()!)).ToList(),
            VerificationUrl = VerificationUrl(number),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string AigcSummary(JsonElement aigc, bool chinese)
    {
        var usesAi = aigc.TryGetProperty("usesAi", out var u) && u.ValueKind == JsonValueKind.True;
        if (!usesAi)
        {
            return chinese ? "权利人声明：创作中未使用生成式人工智能。" : "The owner declares that no generative AI was used.";
        }
        var tools = aigc.TryGetProperty("tools", out var t) && t.ValueKind == JsonValueKind.Array
            ? string.Join(", ", t.EnumerateArray().Select(x => x.GetString())) : "";
        var human = Text(aigc, "humanContribution");
        return chinese
            ? $"权利人声明：使用了生成式人工智能（{tools}）。人类贡献：{human ?? "未说明"}"
            : $"The owner declares use of generative AI ({tools}). Human contribution: {human ?? "not stated"}";
    }

    public static (string Zh, string En) WorkTypeNames(WorkType type) => type switch
    {
        WorkType.MicroDrama => ("微短剧", "Micro-drama"),
        WorkType.ShortVideo => ("短视频", "Short video"),
        WorkType.Music => ("音乐", "Music"),
        WorkType.Audiobook => ("有声书", "Audiobook"),
        WorkType.Voice => ("配音/声音", "Voice"),
        WorkType.Image => ("图片", "Image"),
        _ => (type.ToString(), type.ToString()),
    };

    public static (string Zh, string En) RightNames(RightKind right) => right switch
    {
        RightKind.Communication => ("信息网络传播权", "Right of communication via information networks"),
        RightKind.Adaptation => ("改编权", "Adaptation right"),
        RightKind.Reproduction => ("复制权", "Reproduction right"),
        RightKind.Distribution => ("发行权", "Distribution right"),
        RightKind.Translation => ("翻译权", "Translation right"),
        RightKind.Performance => ("表演权", "Performance right"),
        RightKind.Dubbing => ("配音权", "Dubbing rights"),
        RightKind.Broadcasting => ("广播权", "Broadcasting right"),
        RightKind.Filming => ("摄制权", "Filming right"),
        _ => (right.ToString(), right.ToString()),
    };
}
