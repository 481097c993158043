using Microsoft.EntityFrameworkCore.Storage;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Data;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Timestamps;

namespace ReelRights.Core.Ledger;

/// <summary>
/// The log's identity and keys. On first run it creates the origin, an Ed25519 checkpoint key and
/// a time-stamping certificate, all stored encrypted by <see cref="ISecretProtector"/>. Signers
/// are read from the database on each use (cheap, and correct when another node rotated the key);
/// decrypted keys are cached by id.
/// </summary>
public sealed class LedgerKeyring(ISecretProtector protector, TimeProvider time, IOptions<LedgerOptions> options)
{
    private readonly ConcurrentDictionary<Guid, INoteSigner> signers = new();
    private TimestampAuthority? authority;

    public async Task EnsureInitializedAsync(ReelRightsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.LedgerStates.AnyAsync(cancellationToken))
        {
            await EnsureSm2KeyAsync(db, cancellationToken);
            return;
        }
        var origin = string.IsNullOrWhiteSpace(options.Value.Origin)
            ? "reelrights.local/ledger/" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))
            : options.Value.Origin.Trim();
        using var tsa = TimestampCertificates.CreateSelfSigned($"CN=ReelRights TSA, O={origin}", time, TimeSpan.FromDays(3650));
        var now = time.GetUtcNow().UtcDateTime;
        db.LedgerStates.Add(new LedgerState
        {
            Origin = origin,
            TreeSize = 0,
            TsaProtectedPfx = protector.Protect(Convert.ToBase64String(tsa.Export(X509ContentType.Pkcs12))),
            TsaCertificate = tsa.Export(X509ContentType.Cert),
            CreatedAt = now,
        });
        var key = NewKey(origin, now, "ed25519", out var signer);
        db.LedgerKeys.Add(key);
        INoteSigner[] firstSigners = [signer];
        if (options.Value.Sm2Signature)
        {
            db.LedgerKeys.Add(NewKey(origin, now, "sm2", out var sm2));
            firstSigners = [signer, sm2];
        }
        // The empty tree's checkpoint, so verifiers and witnesses have a first state to follow.
        var empty = MerkleHasher.EmptyRoot.ToArray();
        db.LedgerCheckpoints.Add(new LedgerCheckpoint { TreeSize = 0, RootHash = empty, Note = new Checkpoint(origin, 0, empty).Sign(firstSigners), CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node may have initialized the log first; then its identity stands.
            db.ChangeTracker.Clear();
            if (!await db.LedgerStates.AnyAsync(cancellationToken))
            {
                throw;
            }
        }
    }

    /// <summary>When the SM2 signature line is switched on for an existing log, adds its key.</summary>
    private async Task EnsureSm2KeyAsync(ReelRightsDbContext db, CancellationToken cancellationToken)
    {
        if (!options.Value.Sm2Signature || await db.LedgerKeys.AnyAsync(k => k.Algorithm == "sm2" && k.RetiredAt == null, cancellationToken))
        {
            return;
        }
        var origin = await db.LedgerStates.Select(s => s.Origin).SingleAsync(cancellationToken);
        db.LedgerKeys.Add(NewKey(origin, time.GetUtcNow().UtcDateTime, "sm2", out _));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A new key row for the origin (not yet saved): <c>ed25519</c> or <c>sm2</c>.</summary>
    public LedgerKey NewKey(string origin, DateTime now, string algorithm) => NewKey(origin, now, algorithm, out _);

    private LedgerKey NewKey(string origin, DateTime now, string algorithm, out INoteSigner signer)
    {
        var pair = algorithm == "sm2" ? NoteKeys.GenerateSm2(origin) : NoteKeys.GenerateEd25519(origin);
        signer = NoteKeys.ParseSignerKey(pair.SignerKey);
        return new LedgerKey
        {
            Id = Guid.CreateVersion7(),
            Name = origin,
            Algorithm = algorithm,
            VerifierKey = pair.VerifierKey,
            ProtectedSignerKey = protector.Protect(pair.SignerKey),
            CreatedAt = now,
        };
    }

    /// <summary>Signers of every active key, oldest first.</summary>
    public async Task<IReadOnlyList<INoteSigner>> ActiveSignersAsync(ReelRightsDbContext db, CancellationToken cancellationToken)
    {
        // Checked on every commit (another process may have rotated the key), so the common case
        // — every active key already parsed — is one small query without EF Core's materializer.
        var ids = await ActiveKeyIdsAsync(db, cancellationToken);
        if (ids.Count > 0 && ids.All(signers.ContainsKey))
        {
            return ids.Select(id => signers[id]).ToList();
        }
        var keys = await db.LedgerKeys.AsNoTracking().Where(k => k.RetiredAt == null).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("The ledger has no active signing key.");
        }
        return keys.Select(k => signers.GetOrAdd(k.Id, _ => NoteKeys.ParseSignerKey(protector.Unprotect(k.ProtectedSignerKey)))).ToList();
    }

    private static async Task<List<Guid>> ActiveKeyIdsAsync(ReelRightsDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = "SELECT id FROM ledger_keys WHERE retired_at IS NULL ORDER BY created_at";
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = reader.GetValue(0);
            ids.Add(value as Guid? ?? Guid.Parse((string)value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return ids;
    }

    public async Task<IReadOnlyList<LedgerKey>> AllKeysAsync(ReelRightsDbContext db, CancellationToken cancellationToken) =>
        await db.LedgerKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>The TSA once loaded, so callers can skip opening a database scope.</summary>
    public TimestampAuthority? LoadedAuthority => authority;

    public async Task<TimestampAuthority> AuthorityAsync(ReelRightsDbContext db, CancellationToken cancellationToken)
    {
        if (authority is null)
        {
            var state = await db.LedgerStates.AsNoTracking().SingleAsync(cancellationToken);
            var pfx = Convert.FromBase64String(protector.Unprotect(state.TsaProtectedPfx));
            var cert = X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.EphemeralKeySet);
            authority = new TimestampAuthority(cert, time);
        }
        return authority;
    }
}
