using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Data;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Notes;
using ReelRights.Ledger.Receipts;

namespace ReelRights.Server.Web;

/// <summary>Verifies a receipt against this platform's own checkpoint keys and TSA certificate (what the public page does).</summary>
public sealed class ReceiptCheckService(ReelRightsDbContext db, LedgerKeyring keyring)
{
    public async Task<ReceiptVerificationResult> VerifyAsync(Receipt receipt, CancellationToken cancellationToken) =>
        (await VerifierAsync(cancellationToken)).Verify(receipt);

    /// <summary>An evidence bundle (zip) checked file by file, then its manifest and receipt (the bundle viewer).</summary>
    public async Task<ReelRights.Ledger.Evidence.BundleVerificationResult> VerifyBundleAsync(Stream zip, CancellationToken cancellationToken) =>
        new ReelRights.Ledger.Evidence.EvidenceBundleVerifier(await VerifierAsync(cancellationToken)).Verify(zip);

    private async Task<ReceiptVerifier> VerifierAsync(CancellationToken cancellationToken)
    {
        var keys = (await keyring.AllKeysAsync(db, cancellationToken)).Select(k => NoteKeys.ParseVerifierKey(k.VerifierKey)).ToList();
        var state = await db.LedgerStates.AsNoTracking().SingleAsync(cancellationToken);
        var tsa = X509CertificateLoader.LoadCertificate(state.TsaCertificate);
        // Every leaf of this ledger carries a time-stamp token: a receipt without one was cut.
        return new ReceiptVerifier(keys, [tsa], requireTimestamp: true);
    }
}
