using ReelRights.Core.Accounts;

namespace ReelRights.Core.Tests.Accounts;

public sealed class InvitationServiceTests
{
    private const string Password = "a long enough password";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AcceptAsync_OpenInvitation_CreatesUserOnceOnly(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (org, admin) = await env.CreateOrgAsync("A");
        var issued = await env.Get<InvitationService>().InviteAsync(admin, org.Id, "new@a.test", isAdmin: false, CancellationToken.None);

        var user = await env.Get<InvitationService>().AcceptAsync(issued.Token, "new@a.test", "New", Password, CancellationToken.None);
        var again = await Should.ThrowAsync<ReelRightsException>(() =>
            env.Get<InvitationService>().AcceptAsync(issued.Token, "new2@a.test", "New", Password, CancellationToken.None));

        user.OrganizationId.ShouldBe(org.Id);
        user.IsAdmin.ShouldBeFalse();
        again.Code.ShouldBe("invitation-invalid");
        issued.Invitation.TokenHash.ShouldNotBe(issued.Token);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AcceptAsync_ExpiredOrWrongEmail_IsRejected(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider, o => o.InvitationLifetime = TimeSpan.FromHours(1));
        var (org, admin) = await env.CreateOrgAsync("A");
        var invitations = env.Get<InvitationService>();
        var forEmail = await invitations.InviteAsync(admin, org.Id, "only@a.test", false, CancellationToken.None);
        var expiring = await invitations.InviteAsync(admin, org.Id, null, false, CancellationToken.None);

        var mismatch = await Should.ThrowAsync<ReelRightsException>(() =>
            invitations.AcceptAsync(forEmail.Token, "other@a.test", "X", Password, CancellationToken.None));
        env.Time.Advance(TimeSpan.FromHours(2));
        var expired = await Should.ThrowAsync<ReelRightsException>(() =>
            invitations.AcceptAsync(expiring.Token, "late@a.test", "X", Password, CancellationToken.None));

        mismatch.Code.ShouldBe("invitation-email-mismatch");
        expired.Code.ShouldBe("invitation-invalid");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task InviteAsync_ByMemberWithoutUsersManage_IsForbidden(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (org, _) = await env.CreateOrgAsync("A");
        var member = new Actor(org.Id, OrganizationKind.RightsHolder, Guid.NewGuid(), null, Permissions.ForUser(OrganizationKind.RightsHolder, isAdmin: false));

        var error = await Should.ThrowAsync<ReelRightsException>(() =>
            env.Get<InvitationService>().InviteAsync(member, org.Id, null, true, CancellationToken.None));

        error.Kind.ShouldBe(ErrorKind.Forbidden);
    }
}
