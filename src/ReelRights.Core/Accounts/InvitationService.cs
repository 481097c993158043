using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;

namespace ReelRights.Core.Accounts;

public sealed class InvitationService(ReelRightsDbContext db, UserService users, AuditLog audit, TimeProvider time,
    IOptions<AccountOptions> options)
{
    public async Task<IssuedInvitation> InviteAsync(Actor actor, Guid organizationId, string? email, bool isAdmin,
        CancellationToken cancellationToken)
    {
        if (!actor.Has(Permissions.OrgsAdmin))
        {
            if (organizationId != actor.OrganizationId)
            {
                throw ReelRightsException.NotFound("组织");
            }
            actor.Require(Permissions.UsersManage);
        }
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            throw ReelRightsException.NotFound("组织");
        }
        var issued = Issue(organizationId, string.IsNullOrWhiteSpace(email) ? null : AccountValidation.Email(email), isAdmin, actor.UserId);
        audit.Record(actor, organizationId, "invitation.created", issued.Invitation.Id.ToString(), issued.Invitation.Email);
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>The open invitation behind a token, or null when it is unknown, used or expired.</summary>
    public async Task<Invitation?> FindOpenAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }
        var hash = Secrets.Sha256Hex(token);
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation is { AcceptedAt: null } && invitation.ExpiresAt > now ? invitation : null;
    }

    public async Task<User> AcceptAsync(string token, string email, string displayName, string password, CancellationToken cancellationToken)
    {
        var invitation = await FindOpenAsync(token, cancellationToken)
            ?? throw new ReelRightsException(ErrorKind.NotFound, "invitation-invalid",
                "邀请链接无效、已使用或已过期。", "The invitation link is invalid, used or expired.");
        if (invitation.Email is not null && AccountValidation.Email(email) != invitation.Email)
        {
            throw ReelRightsException.Invalid("invitation-email-mismatch",
                "此邀请是发给另一个邮箱的。", "This invitation was sent to a different email address.");
        }
        var user = await users.NewUserAsync(invitation.OrganizationId, email, displayName, password, invitation.IsAdmin, cancellationToken);
        invitation.AcceptedAt = time.GetUtcNow().UtcDateTime;
        invitation.AcceptedUserId = user.Id;
        audit.RecordByUser(user.Id, invitation.OrganizationId, "invitation.accepted", invitation.Id.ToString(), user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>Adds a new invitation to the unit of work without saving.</summary>
    internal IssuedInvitation Issue(Guid organizationId, string? email, bool isAdmin, Guid? createdBy)
    {
        var token = Secrets.NewToken();
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            Email = email,
            IsAdmin = isAdmin,
            TokenHash = Secrets.Sha256Hex(token),
            CreatedByUserId = createdBy,
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        return new IssuedInvitation(invitation, token);
    }
}
