using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Evidence;

/// <summary>One HTTP exchange in the bundle: request and response headers, redirects, the server address, and the TLS chain when there was one.</summary>
internal static class ExchangeEvidence
{
    /// <param name="folder">The bundle being assembled.</param>
    /// <param name="directory">Folder in the bundle, e.g. "http" or "page": files exchange.json and tls-chain.pem.</param>
    /// <param name="url">The address asked for.</param>
    /// <param name="fetch">What the safe fetcher got.</param>
    /// <param name="requestHeaders">The headers the fetcher sends.</param>
    /// <param name="what">Whose exchange, for the descriptions ("中文 / English").</param>
    public static void Record(EvidenceFolder folder, string directory, Uri url, FetchResult fetch, IReadOnlyList<KeyValuePair<string, string>> requestHeaders, (string Zh, string En) what)
    {
        folder.Write($"{directory}/exchange.json", new
        {
            request = new { method = "GET", url = url.ToString(), headers = requestHeaders },
            redirects = fetch.Redirects.Select(r => r.ToString()),
            finalUrl = fetch.FinalUrl.ToString(),
            remoteAddress = fetch.RemoteAddress,
            response = new { status = fetch.Status, headers = fetch.ResponseHeaders.Select(h => new { name = h.Key, value = h.Value }) },
        }, $"{what.Zh}的 HTTP 请求与响应头 / {what.En}: HTTP request and response headers");
        if (fetch.TlsCertificates.Count > 0)
        {
            folder.WriteText($"{directory}/tls-chain.pem", EvidencePem.Chain(fetch.TlsCertificates), $"{what.Zh}的 TLS 证书链 / {what.En}: TLS certificate chain");
        }
    }
}
