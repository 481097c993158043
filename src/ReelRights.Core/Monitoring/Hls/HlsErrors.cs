namespace ReelRights.Core.Monitoring.Hls;

/// <summary>
/// Every failure an HLS source ends in, with a stable code and a reason in both languages; they are
/// recorded like any failed source. Fetch failures of a playlist or segment keep the fetch's own
/// code (forbidden-address, stalled…) and say which part failed (<see cref="InPart"/>).
/// </summary>
internal static class HlsErrors
{
    public static FetchException Malformed(string zh, string en) => new("hls-malformed",
        $"HLS 播放列表格式错误：{zh}。", $"The HLS playlist is malformed: {en}.");

    public static FetchException Empty() => new("hls-empty",
        "HLS 播放列表没有列出任何分片。", "The HLS playlist lists no segments.");

    public static FetchException Encrypted(string method) => new("hls-encrypted",
        $"HLS 流已加密（EXT-X-KEY METHOD={method}）：平台不解密他人的加密内容，无法比对。请改用未加密的地址，或人工取证。",
        $"The HLS stream is encrypted (EXT-X-KEY METHOD={method}): the platform does not decrypt it, so it cannot be matched. Use an unencrypted address or capture it by hand.");

    public static FetchException Unsupported(string zh, string en) => new("hls-unsupported",
        $"不支持的 HLS 用法：{zh}。", $"Unsupported HLS feature: {en}.");

    public static FetchException Nested() => new("hls-nested",
        "主播放列表指向的仍是主播放列表；只允许一层嵌套。", "A master playlist points at another master playlist; only one level of nesting is allowed.");

    public static FetchException TooManySegments(int limit) => new("hls-too-many-segments",
        $"HLS 播放列表的分片超过上限 {limit} 个。", $"The HLS playlist lists more than the limit of {limit} segments.");

    public static FetchException TooLarge(long limit) => new("hls-too-large",
        $"HLS 流的总大小超过上限 {limit} 字节，已停止。", $"The HLS stream exceeded the limit of {limit} bytes in total and was stopped.");

    public static FetchException PlaylistTooLarge(long limit) => new("hls-playlist-too-large",
        $"HLS 播放列表超过 {limit} 字节上限。", $"The HLS playlist exceeds the limit of {limit} bytes.");

    public static FetchException Timeout(TimeSpan limit) => new("timeout",
        $"HLS 流（播放列表与全部分片）下载超过 {limit.TotalSeconds:F0} 秒，已停止。",
        $"Downloading the HLS stream (playlists and every segment) took longer than {limit.TotalSeconds:F0} s and was stopped.");

    /// <summary>A fetch failure of one part of the stream, keeping its code and naming the part.</summary>
    public static FetchException InPart(FetchException inner, string partZh, string partEn, Uri url) => new(inner.Code,
        $"{partZh}（{url}）：{inner.MessageZh}", $"{partEn} ({url}): {inner.MessageEn}", inner);
}
