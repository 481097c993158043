using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace ReelRights.Core.Ledger;

/// <summary>
/// Time stamps from an external TSA over HTTP (RFC 3161 §3.4: POST application/timestamp-query,
/// answer application/timestamp-reply). The reply is checked against the request (imprint, nonce)
/// before it is kept.
/// </summary>
internal sealed class HttpTimestamper(Uri url) : ITimestamper, IDisposable
{
    private const int MaxReplyBytes = 64 * 1024;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async Task<byte[]> TimestampAsync(byte[] sha256, CancellationToken cancellationToken)
    {
        var request = Rfc3161TimestampRequest.CreateFromHash(sha256, HashAlgorithmName.SHA256,
            nonce: RandomNumberGenerator.GetBytes(8), requestSignerCertificates: true);
        using var content = new ByteArrayContent(request.Encode());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var response = await http.PostAsync(url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxReplyBytes)
        {
            throw new InvalidOperationException("The time-stamp reply is too large.");
        }
        var reply = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var token = request.ProcessResponse(reply, out _);
        return token.AsSignedCms().Encode();
    }

    public void Dispose() => http.Dispose();
}
