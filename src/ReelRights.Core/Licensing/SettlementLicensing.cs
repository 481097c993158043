using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Cases;
using ReelRights.Core.Cases.Mediation;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Licensing;

/// <summary>
/// A settlement reached in mediation becomes a license in one step: the license is created in force
/// from the agreed terms, linked to the case, its contract the signed settlement agreement (its
/// PDF's SHA-256 and SM3); the disputed copies' addresses become the licensee's channels, so the
/// monitor judges them licensed; the grant is sealed like any other.
/// </summary>
public sealed class SettlementLicensing(ReelRightsDbContext db, DealService deals, JobQueue jobs, NotificationService notifications, TimeProvider time) : ISettlementLicensing
{
    public async Task<SettlementGrant> CheckAsync(EnforcementCase c, LicenseTerms terms, CancellationToken cancellationToken)
    {
        var valid = terms.Validate();
        // Only a party of the case can hold the license: the platform, when it has an account here
        // (a respondent reached by its link has none; such a license is granted through a deal).
        var licensee = c.PlatformOrganizationId is { } platform
            ? await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == platform && o.Kind == OrganizationKind.Platform, cancellationToken)
            : null;
        if (licensee is null)
        {
            throw ReelRightsException.Invalid("licensee-required", "本案平台未在本平台开户，无法在和解中直接授予许可；请通过版权交易订立。",
                "The case's platform has no account here, so the settlement cannot grant the license itself; grant it through a deal.");
        }
        var owner = await db.Works.AsNoTracking().Where(w => w.Id == c.WorkId).Select(w => w.OrganizationId).SingleAsync(cancellationToken);
        if (owner != c.ClaimantOrganizationId)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "not-owner", "只有作品的权利人可以在和解中授予许可。", "Only the work's owner can grant a license in a settlement.");
        }
        if (await deals.ConflictAsync(c.WorkId, valid, cancellationToken) is { } conflict)
        {
            throw DealService.Conflict(conflict.License, conflict.Overlap);
        }
        var rights = LicenseText.Rights(valid.Rights);
        var territory = Territories.Describe(valid.TerritoryCodes());
        var exclusivity = LicenseText.Exclusivity(valid.Exclusivity);
        var price = LicenseText.Price(valid.Price);
        var term = LicenseText.Term(valid);
        var episodes = valid.Episodes is { } e ? string.Join(", ", e) : null;
        var wording = $"向 {licensee.Name} 授予：{rights.Zh}；{territory.Zh}；{term}；分集 {episodes ?? "全部"}；{exclusivity.Zh}；{price.Zh}" +
            $" / granted to {licensee.Name}: {rights.En}; {territory.En}; {term}; episodes {episodes ?? "all"}; {exclusivity.En}; {price.En}";
        return new SettlementGrant(valid, licensee.Id, wording);
    }

    public async Task<string> GrantAsync(EnforcementCase settledCase, SettlementProposal proposal, SettlementAgreement agreement, CancellationToken cancellationToken)
    {
        if (proposal.LicenseGrantJson is not { } json || proposal.LicenseeOrganizationId is not { } licenseeId)
        {
            return "许可条款已写入和解协议，由双方另行签订许可合同 / the license terms are in the agreement; the parties sign the license themselves";
        }
        var terms = LicenseTerms.FromJson(json);
        await DealService.TakeLockAsync(db, settledCase.WorkId, cancellationToken);
        if (await deals.ConflictAsync(settledCase.WorkId, terms, cancellationToken) is { } conflict)
        {
            throw DealService.Conflict(conflict.License, conflict.Overlap);
        }
        var now = Cases.CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
        var license = new License
        {
            Id = Guid.CreateVersion7(),
            Code = ReadableCodes.New("RRL", now, 8),
            WorkId = settledCase.WorkId,
            LicensorOrganizationId = settledCase.ClaimantOrganizationId,
            LicenseeOrganizationId = licenseeId,
            CaseId = settledCase.Id,
            TermsJson = json,
            RightsMask = (int)terms.Rights,
            Exclusivity = terms.Exclusivity,
            Start = terms.Start,
            End = terms.End,
            State = LicenseState.Active,
            ContractPdfSha256 = agreement.PdfSha256,
            ContractPdfSm3 = agreement.PdfSm3,
            CreatedAt = now,
            GrantedAt = now,
        };
        db.Licenses.Add(license);
        db.LicenseEvents.Add(new LicenseEvent
        {
            Id = Guid.CreateVersion7(),
            LicenseId = license.Id,
            Sequence = 1,
            Kind = LicenseEventKind.Granted,
            ActorOrganizationId = settledCase.MediatorOrganizationId,
            Note = $"由调解案件 {settledCase.Number} 的和解协议授予 / granted by the settlement agreement of case {settledCase.Number}",
            TermsJson = json,
            At = now,
        });
        var urls = await db.CaseLocations.AsNoTracking().Where(l => l.CaseId == settledCase.Id).Select(l => l.Url).ToListAsync(cancellationToken);
        foreach (var url in urls.Distinct(StringComparer.Ordinal).Take(LicenseChanges.MaxChannels))
        {
            db.LicenseChannels.Add(new LicenseChannel { Id = Guid.CreateVersion7(), LicenseId = license.Id, UrlPrefix = url, CreatedAt = now });
        }
        LicenseReclassifyJob.QueueFor(jobs, license, time);
        LicenseExpiryJob.QueueFor(jobs, license, time);
        // The settlement commits the license; the seal follows from the queue (there is no row to seal before the commit).
        jobs.Enqueue(LicenseSealJob.JobKind, LicenseSealJob.LicensePayload(license.Id), license.LicensorOrganizationId);
        notifications.Add(licenseeId, "license", new("和解许可已生效", "Settlement license in force"),
            new($"案件 {settledCase.Number} 的和解协议授予的许可 {license.Code} 已生效。", $"License {license.Code}, granted by the settlement of case {settledCase.Number}, is in force."),
            $"/trading/licenses/{license.Code}");
        return $"许可 {license.Code} 已依和解协议生效（{urls.Count} 个争议地址列为被许可方渠道）/ license {license.Code} is in force under the agreement ({urls.Count} disputed addresses are the licensee's channels)";
    }
}
