using ReelRights.Core.Accounts;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Web;

/// <summary>The signed-in person and their organization, loaded once per request for the layout and pages.</summary>
public sealed class CurrentSession(IHttpContextAccessor accessor, OrganizationService orgs, UserService users)
{
    private (Actor Actor, Organization Organization, User User)? loaded;

    public bool IsSignedIn => accessor.HttpContext?.User.Identity?.IsAuthenticated == true
        && accessor.HttpContext.User.FindFirst(ActorClaims.UserId) is not null;

    public Actor Actor => accessor.HttpContext!.User.ToActor();

    public async Task<(Actor Actor, Organization Organization, User User)> GetAsync()
    {
        if (loaded is null)
        {
            var context = accessor.HttpContext!;
            var actor = context.User.ToActor();
            var org = await orgs.GetAsync(actor, actor.OrganizationId, context.RequestAborted);
            var user = await users.GetAsync(actor, actor.UserId!.Value, context.RequestAborted);
            loaded = (actor, org, user);
        }
        return loaded.Value;
    }
}
