using System.Security.Claims;
using ReelRights.Core;
using ReelRights.Core.Accounts;

namespace ReelRights.Server.Auth;

/// <summary>Converts between an <see cref="Actor"/> and the claims principal ASP.NET Core carries.</summary>
internal static class ActorClaims
{
    public const string UserId = "rr:user";
    public const string ApiKeyId = "rr:key";
    public const string OrganizationId = "rr:org";
    public const string OrganizationKind = "rr:org-kind";
    public const string Permission = "rr:perm";
    public const string SecurityStamp = "rr:stamp";

    public static ClaimsPrincipal ToPrincipal(Actor actor, string scheme, string? securityStamp = null)
    {
        var claims = new List<Claim>
        {
            new(OrganizationId, actor.OrganizationId.ToString()),
            new(OrganizationKind, actor.OrganizationKind.ToString()),
        };
        if (actor.UserId is { } user)
        {
            claims.Add(new Claim(UserId, user.ToString()));
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.ToString()));
        }
        if (actor.ApiKeyId is { } key)
        {
            claims.Add(new Claim(ApiKeyId, key.ToString()));
        }
        if (securityStamp is not null)
        {
            claims.Add(new Claim(SecurityStamp, securityStamp));
        }
        claims.AddRange(actor.Permissions.Select(p => new Claim(Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The actor of an authenticated request; endpoints behind authorization always have one.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        var org = principal.FindFirstValue(OrganizationId);
        if (org is null || !Guid.TryParse(org, out var orgId)
            || !Enum.TryParse<OrganizationKind>(principal.FindFirstValue(OrganizationKind), out var kind))
        {
            throw new ReelRightsException(ErrorKind.Unauthorized, "unauthorized", "请先登录。", "Please sign in first.");
        }
        return new Actor(orgId, kind,
            Guid.TryParse(principal.FindFirstValue(UserId), out var u) ? u : null,
            Guid.TryParse(principal.FindFirstValue(ApiKeyId), out var k) ? k : null,
            principal.FindAll(Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}
