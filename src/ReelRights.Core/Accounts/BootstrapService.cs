using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;

namespace ReelRights.Core.Accounts;

/// <summary>
/// Makes sure someone can administer a new deployment: creates the operator organization, then
/// either the operator account from configuration or a one-time setup link (an admin invitation
/// to the operator organization) that the host prints.
/// </summary>
public sealed class BootstrapService(ReelRightsDbContext db, UserService users, InvitationService invitations,
    AuditLog audit, TimeProvider time, IOptions<BootstrapOptions> options)
{
    public async Task<BootstrapResult> EnsureOperatorAsync(CancellationToken cancellationToken)
    {
        var operatorOrg = await db.Organizations.FirstOrDefaultAsync(o => o.Kind == OrganizationKind.Operator, cancellationToken);
        if (operatorOrg is not null && await db.Users.AnyAsync(u => u.OrganizationId == operatorOrg.Id, cancellationToken))
        {
            return new BootstrapResult(false, null);
        }
        if (operatorOrg is null)
        {
            operatorOrg = new Organization
            {
                Id = Guid.CreateVersion7(),
                Name = AccountValidation.Name(options.Value.OperatorOrganization, "name"),
                Kind = OrganizationKind.Operator,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Organizations.Add(operatorOrg);
            audit.Record(null, operatorOrg.Id, "organization.created", operatorOrg.Id.ToString(), "operator (first run)");
        }
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.OperatorEmail) && !string.IsNullOrEmpty(o.OperatorPassword))
        {
            var user = await users.NewUserAsync(operatorOrg.Id, o.OperatorEmail, o.OperatorName, o.OperatorPassword, true, cancellationToken);
            audit.Record(null, operatorOrg.Id, "user.created", user.Id.ToString(), "operator from configuration");
            await db.SaveChangesAsync(cancellationToken);
            return new BootstrapResult(true, null);
        }
        var issued = invitations.Issue(operatorOrg.Id, null, true, null);
        audit.Record(null, operatorOrg.Id, "invitation.created", issued.Invitation.Id.ToString(), "first-run setup link");
        await db.SaveChangesAsync(cancellationToken);
        return new BootstrapResult(false, issued.Token);
    }
}
