using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;

namespace ReelRights.Core.Licensing;

/// <summary>
/// Each side signs the exact contract PDF it read (named by its SHA-256); each signature is a
/// sealed leaf. The second signature puts the license in force: it gets its "granted" step, sealed
/// too, and from then on monitoring and screening count it.
/// </summary>
public sealed class DealSigning(ReelRightsDbContext db, DealService deals, LicenseSealer sealer, JobQueue jobs, TimeProvider time)
{
    public async Task<LicenseDeal> SignAsync(Actor actor, Guid dealId, string? pdfSha256, CancellationToken cancellationToken)
    {
        var deal = await deals.PartyDealAsync(actor, dealId, write: true, cancellationToken);
        DealService.RequireState(deal, DealState.AwaitingSignatures, "只有待签署的交易可以签署。", "Only a deal awaiting signatures can be signed.");
        if (deal.ContractPdfSha256 is not { } current || deal.ContractPdfSm3 is not { } sm3 || deal.LicenseId is not { } licenseId)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "no-contract", "合同尚未生成，请稍后重试。", "The contract is not drawn yet; try again shortly.");
        }
        var stated = Validation.HexDigest(pdfSha256, "contractSha256");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stated), Encoding.ASCII.GetBytes(current)))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "contract-changed",
                "您签署的合同与当前合同不一致，请重新阅读当前合同后再签署。", "The contract you are signing is not the current one; read the current contract and sign again.");
        }
        var signed = await db.DealSignatures.Where(s => s.DealId == deal.Id).Select(s => s.OrganizationId).ToListAsync(cancellationToken);
        if (signed.Contains(actor.OrganizationId))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "already-signed", "您已签署此合同。", "You have already signed this contract.");
        }
        var now = Cases.CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
        db.DealSignatures.Add(new DealSignature
        {
            Id = Guid.CreateVersion7(),
            DealId = deal.Id,
            OrganizationId = actor.OrganizationId,
            UserId = actor.UserId,
            SignerName = await SignerNameAsync(actor, cancellationToken),
            PdfSha256 = current,
            PdfSm3 = sm3,
            At = now,
        });
        deal.UpdatedAt = now;
        deal.Version++;
        var both = signed.Count + 1 == 2;
        if (both)
        {
            var license = await db.Licenses.SingleAsync(l => l.Id == licenseId, cancellationToken);
            license.State = LicenseState.Active;
            license.GrantedAt = now;
            license.Version++;
            db.LicenseEvents.Add(new LicenseEvent
            {
                Id = Guid.CreateVersion7(),
                LicenseId = license.Id,
                Sequence = 1,
                Kind = LicenseEventKind.Granted,
                ActorOrganizationId = actor.OrganizationId,
                ActorUserId = actor.UserId,
                TermsJson = license.TermsJson,
                At = now,
            });
            deal.State = DealState.Signed;
            LicenseReclassifyJob.QueueFor(jobs, license, time);
            LicenseExpiryJob.QueueFor(jobs, license, time);
            deals.NotifyOther(deal, actor, new("许可已生效", "License in force"),
                new($"交易 {deal.Number}：双方已签署，许可 {license.Code} 已生效。", $"Deal {deal.Number}: both sides signed; license {license.Code} is in force."));
        }
        else
        {
            deals.NotifyOther(deal, actor, new("对方已签署", "The other side signed"),
                new($"交易 {deal.Number}：对方已签署合同，请阅读后签署。", $"Deal {deal.Number}: the other side signed the contract; read it and sign."));
        }
        jobs.Enqueue(LicenseSealJob.JobKind, LicenseSealJob.Payload(deal.Id), deal.OwnerOrganizationId, delay: TimeSpan.FromMinutes(1));
        await deals.SaveAsync(cancellationToken);
        await sealer.SealDealAsync(deal.Id, cancellationToken);
        return deal;
    }

    private async Task<string> SignerNameAsync(Actor actor, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == actor.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var person = actor.UserId is { } u
            ? await db.Users.AsNoTracking().Where(x => x.Id == u).Select(x => x.DisplayName + " <" + x.Email + ">").SingleOrDefaultAsync(cancellationToken)
            : null;
        return string.Join(" · ", new[] { person, organization }.OfType<string>());
    }
}
