using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Merkle;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Ledger;

/// <summary>
/// The ledger over HTTP. Reading needs no account: anyone may check what was sealed. Appending
/// happens inside the services (registration, evidence…) and through attestations.
/// </summary>
internal static class LedgerApi
{
    public static void MapLedgerApi(this IEndpointRouteBuilder app, RouteGroupBuilder authenticated)
    {
        var pub = app.MapGroup("/api/ledger").AllowAnonymous().WithTags("Ledger");
        pub.MapGet("/checkpoint", LatestCheckpointAsync).WithSummary("最新签名检查点 / Latest signed checkpoint (C2SP signed note)");
        pub.MapGet("/checkpoints", CheckpointsAsync).WithSummary("检查点历史 / Checkpoint history");
        pub.MapGet("/entries/{index:long}", EntryAsync).WithSummary("条目 / Entry by index");
        pub.MapGet("/entries", EntryByHashAsync).WithSummary("按叶子哈希查找条目 / Entry by leaf hash");
        pub.MapGet("/proofs/inclusion", InclusionAsync).WithSummary("包含证明 / Inclusion proof (by index or leaf hash)");
        pub.MapGet("/proofs/consistency", ConsistencyAsync).WithSummary("一致性证明 / Consistency proof");
        pub.MapGet("/receipts/{index:long}", ReceiptAsync).WithSummary("离线回执 / Offline receipt");
        pub.MapGet("/keys", KeysAsync).WithSummary("验证公钥与时间戳证书 / Verifier keys and TSA certificate");
        pub.MapPost("/tsa", TimestampAsync).WithSummary("RFC 3161 时间戳服务 / RFC 3161 time-stamping");

        var attest = authenticated.MapGroup("/ledger/attestations").WithTags("Ledger");
        attest.MapPost("/", AttestAsync).WithSummary("存证：封存文件摘要 / Seal a document digest");
        attest.MapGet("/", ListAttestationsAsync).WithSummary("本组织的存证 / This organization's attestations");
    }

    private static async Task<Results<ContentHttpResult, NotFound>> LatestCheckpointAsync(LedgerReader ledger, CancellationToken ct) =>
        await ledger.LatestCheckpointAsync(ct) is { } c ? TypedResults.Text(c.Note, "text/plain; charset=utf-8") : TypedResults.NotFound();

    private static async Task<Ok<List<CheckpointDto>>> CheckpointsAsync(LedgerReader ledger, CancellationToken ct, long? before = null, int limit = 100) =>
        TypedResults.Ok((await ledger.CheckpointsAsync(before, limit, ct)).Select(CheckpointDto.From).ToList());

    private static async Task<Ok<LedgerEntryDto>> EntryAsync(long index, LedgerReader ledger, CancellationToken ct) =>
        TypedResults.Ok(LedgerEntryDto.From(await ledger.EntryAsync(index, ct) ?? throw ReelRightsException.NotFound("条目")));

    private static async Task<Ok<LedgerEntryDto>> EntryByHashAsync(string leafHash, LedgerReader ledger, CancellationToken ct) =>
        TypedResults.Ok(LedgerEntryDto.From(await ledger.EntryByLeafHashAsync(ParseHash(leafHash), ct) ?? throw ReelRightsException.NotFound("条目")));

    private static async Task<Ok<InclusionProofDto>> InclusionAsync(LedgerReader ledger, CancellationToken ct, long? index = null, string? leafHash = null, long? treeSize = null)
    {
        var entry = index is { } i ? await ledger.EntryAsync(i, ct)
            : leafHash is not null ? await ledger.EntryByLeafHashAsync(ParseHash(leafHash), ct)
            : throw ReelRightsException.Invalid("missing-index", "请提供 index 或 leafHash。", "Give index or leafHash.");
        if (entry is null)
        {
            throw ReelRightsException.NotFound("条目");
        }
        // Given both, they must name the same entry: a proof for another leaf than the one asked
        // about would look like an answer to a verifier that only checks the index.
        if (index is not null && leafHash is not null && !entry.LeafHash.AsSpan().SequenceEqual(ParseHash(leafHash)))
        {
            throw new ReelRightsException(ErrorKind.NotFound, "leaf-hash-mismatch",
                $"序号 {entry.LeafIndex} 处的条目不是这个叶子哈希。", $"The entry at index {entry.LeafIndex} has another leaf hash.");
        }
        var checkpoint = treeSize is { } size
            ? await ledger.CheckpointAsync(size, ct) ?? throw ReelRightsException.NotFound("检查点")
            : (await ledger.LatestCheckpointAsync(ct))!;
        var proof = await ledger.InclusionProofAsync(entry.LeafIndex, checkpoint, ct);
        return TypedResults.Ok(new InclusionProofDto(entry.LeafIndex, checkpoint.TreeSize, Convert.ToHexStringLower(entry.LeafHash),
            proof.Select(p => Convert.ToBase64String(p.Span)).ToList(), checkpoint.Note));
    }

    private static async Task<Ok<ConsistencyProofDto>> ConsistencyAsync(long from, long to, LedgerReader ledger, CancellationToken ct)
    {
        var proof = await ledger.ConsistencyProofAsync(from, to, ct);
        return TypedResults.Ok(new ConsistencyProofDto(from, to, proof.Select(p => Convert.ToBase64String(p.Span)).ToList()));
    }

    private static async Task<IResult> ReceiptAsync(long index, LedgerReader ledger, CancellationToken ct)
    {
        var receipt = await ledger.ReceiptAsync(index, ct);
        return TypedResults.Text(receipt.Encode(), "text/plain; charset=utf-8");
    }

    private static async Task<Ok<LedgerKeysDto>> KeysAsync(ReelRightsDbContext db, LedgerKeyring keyring, CancellationToken ct)
    {
        var state = await db.LedgerStates.AsNoTracking().SingleAsync(ct);
        var keys = await keyring.AllKeysAsync(db, ct);
        var pem = X509CertificateLoader.LoadCertificate(state.TsaCertificate).ExportCertificatePem();
        return TypedResults.Ok(new LedgerKeysDto(state.Origin,
            keys.Select(k => new LedgerKeyDto(k.Algorithm, k.VerifierKey, k.CreatedAt, k.RetiredAt)).ToList(), pem));
    }

    /// <summary>RFC 3161 §3.4: the request body is a DER TimeStampReq, the answer a DER TimeStampResp.</summary>
    private static async Task<IResult> TimestampAsync(HttpRequest request, ReelRightsDbContext db, LedgerKeyring keyring, CancellationToken ct)
    {
        if (request.ContentType?.StartsWith("application/timestamp-query", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new ReelRightsException(ErrorKind.Validation, "unsupported-media-type", "请发送 application/timestamp-query。", "Send application/timestamp-query.");
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        if (body.Length > 16 * 1024)
        {
            throw ReelRightsException.Invalid("payload-too-large", "时间戳请求过大。", "The time-stamp request is too large.");
        }
        var authority = await keyring.AuthorityAsync(db, ct);
        return TypedResults.Bytes(authority.CreateResponse(body.ToArray()), "application/timestamp-reply");
    }

    private static async Task<Created<AttestationDto>> AttestAsync(AttestRequest body, ClaimsPrincipal principal, AttestationService attestations, CancellationToken ct)
    {
        var result = await attestations.AttestAsync(principal.ToActor(), body.Title, body.Sha256, body.Sm3, ct);
        return TypedResults.Created($"/api/ledger/entries/{result.LeafIndex}",
            new AttestationDto(result.LeafIndex, Convert.ToHexStringLower(MerkleHasher.HashLeaf(result.Receipt.LeafData.Span)), result.Receipt.Encode()));
    }

    private static async Task<Ok<List<LedgerEntryDto>>> ListAttestationsAsync(ClaimsPrincipal principal, LedgerReader ledger, CancellationToken ct, int limit = 100)
    {
        var actor = principal.ToActor();
        actor.Require(Core.Accounts.Permissions.OrgRead);
        return TypedResults.Ok((await ledger.EntriesOfOrganizationAsync(actor.OrganizationId, "attestation", limit, ct)).Select(LedgerEntryDto.From).ToList());
    }

    private static byte[] ParseHash(string hex)
    {
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            throw ReelRightsException.Invalid("invalid-leaf-hash", "叶子哈希必须是 64 位十六进制。", "The leaf hash must be 64 hex digits.");
        }
        return Convert.FromHexString(hex);
    }
}
