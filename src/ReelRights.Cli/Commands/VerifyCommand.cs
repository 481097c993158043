using System.CommandLine;
using System.Text;
using ReelRights.Core;
using ReelRights.Ledger.Receipts;

namespace ReelRights.Cli.Commands;

/// <summary><c>reelrights verify RECEIPT</c>: checks a receipt offline and says what was sealed, when and by whom.</summary>
internal static class VerifyCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "回执文件、证据包或司法确认申请材料（.zip）/ Receipt file, evidence bundle or judicial-confirmation package (.zip)" };
        var command = new Command("verify", "离线验证回执或证据包：文件摘要、清单、记录、包含证明、检查点签名、时间戳 / Verify a receipt or an evidence bundle offline: file digests, manifest, record, inclusion proof, checkpoint signature, time stamp") { file };
        PinnedKeys.AddTo(command);
        command.SetAction((parse, _) => CliErrors.GuardAsync(parse, async () =>
        {
            var keys = PinnedKeys.From(parse);
            var path = parse.GetValue(file)!;
            if (IsZip(path) && IsJudicialPackage(path))
            {
                return await VerifyPackageAsync(parse, path, new ReceiptVerifier(keys.Verifiers, keys.TsaCertificates, requireTimestamp: true));
            }
            if (IsZip(path))
            {
                return await VerifyBundleAsync(parse, path, new ReceiptVerifier(keys.Verifiers, keys.TsaCertificates, requireTimestamp: true));
            }
            Receipt receipt;
            try
            {
                receipt = Receipt.Parse(PinnedKeys.ReadFile(path));
            }
            catch (FormatException e)
            {
                throw ReelRightsException.Invalid("invalid-receipt", $"不是有效的回执文件：{e.Message}", $"Not a valid receipt file: {e.Message}");
            }
            // A ReelRights ledger time-stamps every leaf (ADR 0004), so a receipt without its token
            // has lost a part: it is refused, not passed with the time left unproven.
            var result = new ReceiptVerifier(keys.Verifiers, keys.TsaCertificates, requireTimestamp: true).Verify(receipt);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(Describe(path.Name, receipt, result));
            if (!result.IsValid)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"验证失败 / verification failed: {result.FailureMessage}");
                return 1;
            }
            return 0;
        }));
        return command;
    }

    private static bool IsZip(FileInfo path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = path.OpenRead();
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }

    private static bool IsJudicialPackage(FileInfo path)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path.FullName);
            return ReelRights.Ledger.Cases.JudicialPackageVerifier.IsPackage(zip);
        }
        catch (InvalidDataException)
        {
            // Not readable as a zip: the bundle verifier says so.
            return false;
        }
    }

    private static async Task<int> VerifyPackageAsync(System.CommandLine.ParseResult parse, FileInfo path, ReceiptVerifier receipts)
    {
        await using var zip = path.OpenRead();
        var result = new ReelRights.Ledger.Cases.JudicialPackageVerifier(receipts).Verify(zip);
        var sb = new StringBuilder();
        sb.AppendLine($"司法确认申请材料验证 / Judicial-confirmation package verification: {path.Name}");
        foreach (var check in result.Checks)
        {
            sb.AppendLine($"  {(check.Passed ? "✓" : "✗")} {check.Subject} — {check.Detail}");
        }
        if (result.Manifest is { } manifest)
        {
            sb.AppendLine($"案号 / case: {manifest.Case.Number}（{manifest.Case.Title}）; 调解成功 / settled: {manifest.Case.SettledAt}"
                + (manifest.Case.ConfirmationDueAt is { } due ? $"; 申请司法确认截止 / apply for confirmation by: {due}" : ""));
            sb.AppendLine("当事人 / parties: " + string.Join("; ", manifest.Parties.Select(p => $"{p.Role}: {p.Name}")));
        }
        sb.Append(result.IsValid
            ? "结论 / verdict: 有效，协议经双方签署且每一步均已存证 / VALID, the agreement is signed by both parties and every step is sealed"
            : "结论 / verdict: 无效 / INVALID");
        await parse.InvocationConfiguration.Output.WriteLineAsync(sb.ToString());
        if (!result.IsValid)
        {
            var failure = result.FirstFailure!;
            await parse.InvocationConfiguration.Error.WriteLineAsync($"验证失败 / verification failed: {failure.Subject} — {failure.Detail}");
            return 1;
        }
        return 0;
    }

    private static async Task<int> VerifyBundleAsync(System.CommandLine.ParseResult parse, FileInfo path, ReceiptVerifier receipts)
    {
        await using var zip = path.OpenRead();
        var result = new ReelRights.Ledger.Evidence.EvidenceBundleVerifier(receipts).Verify(zip);
        var output = parse.InvocationConfiguration.Output;
        var sb = new StringBuilder();
        sb.AppendLine($"证据包验证 / Evidence bundle verification: {path.Name}");
        foreach (var check in result.Checks)
        {
            sb.AppendLine($"  {(check.Passed ? "✓" : "✗")} {check.Subject} — {check.Detail}");
        }
        if (result.Manifest is { } manifest)
        {
            sb.AppendLine($"取证时间 / captured: {manifest.CapturedAt}; 对象 / subject: {manifest.Subject}");
        }
        if (result.Receipt?.Timestamp is { } at)
        {
            sb.AppendLine($"封存时间（RFC 3161 时间戳）/ sealed at (RFC 3161): {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        }
        sb.Append(result.IsValid ? "结论 / verdict: 有效，所有文件自封存后未被更改 / VALID, every file unchanged since sealed" : "结论 / verdict: 无效 / INVALID");
        await output.WriteLineAsync(sb.ToString());
        if (!result.IsValid)
        {
            var failure = result.FirstFailure!;
            await parse.InvocationConfiguration.Error.WriteLineAsync($"验证失败 / verification failed: {failure.Subject} — {failure.Detail}");
            return 1;
        }
        return 0;
    }

    internal static string Describe(string name, Receipt receipt, ReceiptVerificationResult result)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"回执验证 / Receipt verification: {name}");
        foreach (var check in result.Checks)
        {
            var mark = check.Status switch
            {
                ReceiptCheckStatus.Passed => "✓",
                ReceiptCheckStatus.Failed => "✗",
                ReceiptCheckStatus.NotApplicable => "–",
                _ => "·",
            };
            sb.AppendLine($"  {mark} {ReceiptCheckNames.Label(check.Check)} — {check.Detail}");
        }
        if (result.Record is { } record)
        {
            sb.AppendLine($"封存内容 / sealed: {Ledger.Records.LedgerRecord.ToWireName(record.Type)}, 序号 / index {receipt.LeafIndex}"
                + (result.Checkpoint is { } cp ? $" / {cp.TreeSize}, 日志 / log {cp.Origin}" : ""));
            sb.AppendLine($"  {record.Payload}");
        }
        if (result.Timestamp is { } at)
        {
            sb.AppendLine($"时间（RFC 3161 时间戳）/ time (RFC 3161): {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        }
        sb.Append(result.IsValid ? "结论 / verdict: 有效，封存后未被更改 / VALID, unchanged since sealed" : "结论 / verdict: 无效 / INVALID");
        return sb.ToString();
    }
}
