using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Ledger.Receipts;
using ReelRights.Core;
using ReelRights.Core.Works;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

/// <summary>
/// The public verification page, no account needed: a receipt in, every check out; a certificate
/// PDF or a media file in, whether, when and to whom it was registered; a certificate number (what
/// a certificate's QR code leads to), that registration's public facts.
/// </summary>
[VerifyUploadLimits]
public sealed class VerifyModel(ReceiptCheckService checker, VerificationService verification, ReelRights.Core.Licensing.LicenseService licenses) : PageModel
{
    private const long MaxReceiptBytes = 256 * 1024;

    public VerificationVerdict? Verdict { get; private set; }
    public ReelRights.Ledger.Evidence.BundleVerificationResult? Bundle { get; private set; }
    public VerifiedRegistration? Certificate { get; private set; }
    public string? CertificateNumber { get; private set; }

    public ReceiptVerificationResult? Result { get; private set; }
    public long Index { get; private set; }
    public string? PrettyPayload { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public string? LicenseCode { get; private set; }
    public ReelRights.Core.Licensing.LicenseView? License { get; private set; }

    public async Task OnGetAsync(string? certificate, string? license, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(license))
        {
            LicenseCode = license.Trim().ToUpperInvariant();
            try
            {
                License = await licenses.PublicAsync(LicenseCode, cancellationToken);
            }
            catch (ReelRightsException e) when (e.Kind == ErrorKind.NotFound)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
        if (!string.IsNullOrWhiteSpace(certificate))
        {
            CertificateNumber = certificate.Trim();
            Certificate = await verification.CertificateAsync(CertificateNumber, cancellationToken);
            if (Certificate is null)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? receipt, CancellationToken cancellationToken)
    {
        if (receipt is null || receipt.Length == 0)
        {
            return Error("请选择文件：回执、证书 PDF 或媒体文件。", "Choose a file: a receipt, a certificate PDF or a media file.");
        }
        string text;
        try
        {
            if (await IsZipAsync(receipt, cancellationToken))
            {
                // The bundle viewer: each file against the manifest, the manifest against the sealed record.
                await using var zip = receipt.OpenReadStream();
                await using var buffered = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                await zip.CopyToAsync(buffered, cancellationToken);
                buffered.Position = 0;
                Bundle = await checker.VerifyBundleAsync(buffered, cancellationToken);
                if (!Bundle.IsValid)
                {
                    Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                }
                return Page();
            }
            await using var upload = receipt.OpenReadStream();
            var verdict = await verification.VerifyAsync(upload, cancellationToken);
            if (verdict.Kind != VerifiedKind.Receipt || receipt.Length > MaxReceiptBytes)
            {
                Verdict = verdict;
                if (!verdict.Registered)
                {
                    Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                }
                return Page();
            }
            text = verdict.Receipt!;
        }
        catch (ReelRightsException e)
        {
            return Error(e.MessageZh, e.MessageEn);
        }
        Receipt parsed;
        try
        {
            parsed = Receipt.Parse(text);
        }
        catch (FormatException e)
        {
            return Error("这不是有效的回执文件：" + e.Message, "This is not a valid receipt file: " + e.Message);
        }
        Result = await checker.VerifyAsync(parsed, cancellationToken);
        Index = parsed.LeafIndex;
        if (Result.Record is { } record)
        {
            using var doc = JsonDocument.Parse(record.Payload);
            PrettyPayload = JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
        }
        if (!Result.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    private static async Task<bool> IsZipAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        await using var stream = file.OpenReadStream();
        return await stream.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken) == 4 && head.AsSpan().SequenceEqual("PK\u0003\u0004"u8);
    }

    private PageResult Error(string zh, string en)
    {
        ErrorZh = zh;
        ErrorEn = en;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
