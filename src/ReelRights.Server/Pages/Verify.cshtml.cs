using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReelRights.Ledger.Receipts;
using ReelRights.Server.Web;

namespace ReelRights.Server.Pages;

/// <summary>The public verification page: a receipt in, every check out, no account needed.</summary>
public sealed class VerifyModel(ReceiptCheckService checker) : PageModel
{
    private const long MaxReceiptBytes = 256 * 1024;

    public ReceiptVerificationResult? Result { get; private set; }
    public long Index { get; private set; }
    public string? PrettyPayload { get; private set; }
    public string? ErrorZh { get; private set; }
    public string? ErrorEn { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? receipt, CancellationToken cancellationToken)
    {
        if (receipt is null || receipt.Length == 0 || receipt.Length > MaxReceiptBytes)
        {
            return Error("请选择回执文件（不超过 256 KB）。", "Choose a receipt file (at most 256 KB).");
        }
        string text;
        using (var reader = new StreamReader(receipt.OpenReadStream()))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
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

    private PageResult Error(string zh, string en)
    {
        ErrorZh = zh;
        ErrorEn = en;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
