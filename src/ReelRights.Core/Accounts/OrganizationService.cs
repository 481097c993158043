using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;

namespace ReelRights.Core.Accounts;

public sealed class OrganizationService(ReelRightsDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Organization> CreateAsync(Actor actor, string name, OrganizationKind kind, CancellationToken cancellationToken)
    {
        actor.Require(Permissions.OrgsAdmin);
        var org = new Organization
        {
            Id = Guid.CreateVersion7(),
            Name = AccountValidation.Name(name, "name"),
            Kind = kind,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Organizations.Add(org);
        audit.Record(actor, org.Id, "organization.created", org.Id.ToString(), $"{OrganizationKindNames.Wire(kind)} {org.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return org;
    }

    /// <summary>Operators see every organization; everyone else only their own.</summary>
    public async Task<IReadOnlyList<Organization>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        var query = db.Organizations.AsNoTracking();
        if (!actor.Has(Permissions.OrgsAdmin))
        {
            query = query.Where(o => o.Id == actor.OrganizationId);
        }
        return await query.OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The organization, if the actor may see it. Another tenant's organization is reported as
    /// not found, exactly like one that does not exist, so ids cannot be probed.
    /// </summary>
    public async Task<Organization> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        if (id != actor.OrganizationId && !actor.Has(Permissions.OrgsAdmin))
        {
            throw ReelRightsException.NotFound("组织");
        }
        return await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw ReelRightsException.NotFound("组织");
    }
}
