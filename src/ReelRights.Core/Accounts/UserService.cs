using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReelRights.Core.Auditing;
using ReelRights.Core.Data;

namespace ReelRights.Core.Accounts;

public sealed class UserService(ReelRightsDbContext db, AuditLog audit, TimeProvider time, IOptions<AccountOptions> options)
{
    // Verified against when the email is unknown, so a miss costs as much time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash("not-a-real-password", 1));

    private AccountOptions Options => options.Value;

    public async Task<User> CreateAsync(Actor actor, Guid organizationId, string email, string displayName, string password,
        bool isAdmin, CancellationToken cancellationToken)
    {
        RequireManage(actor, organizationId);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            throw ReelRightsException.NotFound("组织");
        }
        var user = await NewUserAsync(organizationId, email, displayName, password, isAdmin, cancellationToken);
        audit.Record(actor, organizationId, "user.created", user.Id.ToString(), user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<IReadOnlyList<User>> ListAsync(Actor actor, Guid organizationId, CancellationToken cancellationToken)
    {
        if (organizationId != actor.OrganizationId && !actor.Has(Permissions.OrgsAdmin))
        {
            throw ReelRightsException.NotFound("组织");
        }
        actor.Require(Permissions.OrgRead);
        return await db.Users.AsNoTracking().Where(u => u.OrganizationId == organizationId)
            .OrderBy(u => u.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<User> GetAsync(Actor actor, Guid userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.OrganizationId == actor.OrganizationId, cancellationToken)
        ?? throw ReelRightsException.NotFound("用户");

    /// <summary>
    /// Checks a password with lockout: after <see cref="AccountOptions.MaxFailedSignIns"/> wrong
    /// attempts the account refuses even the right password until the lockout ends.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (user is null)
        {
            PasswordHasher.Verify(password, DummyHash.Value, 1, out _);
            return new SignInResult(SignInStatus.InvalidCredentials, null);
        }
        if (user.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInStatus.LockedOut, null, until);
        }
        if (!PasswordHasher.Verify(password, user.PasswordHash, Options.Pbkdf2Iterations, out var rehash))
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= Options.MaxFailedSignIns)
            {
                user.FailedSignIns = 0;
                user.LockedUntil = now + Options.LockoutDuration;
                audit.Record(null, user.OrganizationId, "user.locked-out", user.Id.ToString());
            }
            await db.SaveChangesAsync(cancellationToken);
            return user.LockedUntil > now
                ? new SignInResult(SignInStatus.LockedOut, null, user.LockedUntil)
                : new SignInResult(SignInStatus.InvalidCredentials, null);
        }
        if (rehash)
        {
            user.PasswordHash = PasswordHasher.Hash(password, Options.Pbkdf2Iterations);
        }
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        audit.RecordByUser(user.Id, user.OrganizationId, "user.signed-in", user.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInStatus.Succeeded, user);
    }

    /// <summary>The actor for a signed-in user, or null when the user is gone, locked or their credentials changed.</summary>
    public async Task<Actor?> ActorForUserAsync(Guid userId, string securityStamp, CancellationToken cancellationToken)
    {
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Join(db.Organizations, u => u.OrganizationId, o => o.Id, (u, o) => new { u.OrganizationId, o.Kind, u.IsAdmin, u.SecurityStamp, u.LockedUntil })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.SecurityStamp != securityStamp || row.LockedUntil > time.GetUtcNow().UtcDateTime)
        {
            return null;
        }
        return new Actor(row.OrganizationId, row.Kind, userId, null, Permissions.ForUser(row.Kind, row.IsAdmin));
    }

    public async Task<Actor> ActorForUserAsync(User user, CancellationToken cancellationToken) =>
        await ActorForUserAsync(user.Id, user.SecurityStamp, cancellationToken)
        ?? throw ReelRightsException.NotFound("用户");

    internal async Task<User> NewUserAsync(Guid organizationId, string email, string displayName, string password, bool isAdmin,
        CancellationToken cancellationToken)
    {
        var normalized = AccountValidation.Email(email);
        var name = AccountValidation.Name(displayName, "display-name");
        AccountValidation.Password(password, Options.MinPasswordLength);
        if (await db.Users.AnyAsync(u => u.Email == normalized, cancellationToken))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "email-taken", "该邮箱已注册。", "This email address is already registered.");
        }
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            Email = normalized,
            DisplayName = name,
            PasswordHash = PasswordHasher.Hash(password, Options.Pbkdf2Iterations),
            IsAdmin = isAdmin,
            SecurityStamp = Secrets.NewToken(16),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        return user;
    }

    private static void RequireManage(Actor actor, Guid organizationId)
    {
        if (actor.Has(Permissions.OrgsAdmin))
        {
            return;
        }
        if (organizationId != actor.OrganizationId)
        {
            throw ReelRightsException.NotFound("组织");
        }
        actor.Require(Permissions.UsersManage);
    }
}
