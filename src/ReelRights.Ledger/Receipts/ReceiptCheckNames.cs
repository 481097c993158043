namespace ReelRights.Ledger.Receipts;

/// <summary>Chinese and English display names of receipt checks, for certificates, the CLI and the web UI.</summary>
public static class ReceiptCheckNames
{
    /// <summary>Chinese name, e.g. "叶子哈希".</summary>
    /// <param name="check">The check.</param>
    /// <returns>The name in Simplified Chinese.</returns>
    public static string Chinese(ReceiptCheck check) => check switch
    {
        ReceiptCheck.Record => "记录格式",
        ReceiptCheck.RecordDigests => "记录摘要（SHA-256 与 SM3）",
        ReceiptCheck.LeafHash => "叶子哈希",
        ReceiptCheck.Checkpoint => "检查点格式",
        ReceiptCheck.InclusionProof => "包含证明",
        ReceiptCheck.CheckpointSignature => "检查点签名",
        ReceiptCheck.TimestampImprint => "时间戳消息摘要",
        ReceiptCheck.TimestampSignature => "时间戳签名",
        ReceiptCheck.TimestampCertificate => "时间戳证书用途",
        ReceiptCheck.TimestampChain => "时间戳证书信任链",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
    };

    /// <summary>English name, e.g. "leaf hash".</summary>
    /// <param name="check">The check.</param>
    /// <returns>The name in English.</returns>
    public static string English(ReceiptCheck check) => check switch
    {
        ReceiptCheck.Record => "record format",
        ReceiptCheck.RecordDigests => "record digests (SHA-256 and SM3)",
        ReceiptCheck.LeafHash => "leaf hash",
        ReceiptCheck.Checkpoint => "checkpoint format",
        ReceiptCheck.InclusionProof => "inclusion proof",
        ReceiptCheck.CheckpointSignature => "checkpoint signature",
        ReceiptCheck.TimestampImprint => "time-stamp message imprint",
        ReceiptCheck.TimestampSignature => "time-stamp signature",
        ReceiptCheck.TimestampCertificate => "time-stamp certificate usage",
        ReceiptCheck.TimestampChain => "time-stamp certificate chain",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
    };

    /// <summary>Both names, e.g. "叶子哈希 / leaf hash".</summary>
    /// <param name="check">The check.</param>
    /// <returns>"Chinese / English".</returns>
    public static string Label(ReceiptCheck check) => $"{Chinese(check)} / {English(check)}";
}
