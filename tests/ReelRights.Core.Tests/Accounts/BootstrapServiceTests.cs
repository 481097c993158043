using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;

namespace ReelRights.Core.Tests.Accounts;

public sealed class BootstrapServiceTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EnsureOperatorAsync_WithConfiguredAccount_CreatesOperatorThatCanSignInAndRunsOnce(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider, bootstrap: o =>
        {
            o.OperatorEmail = "ops@platform.test";
            o.OperatorPassword = "operator password";
        });

        var first = await env.Get<BootstrapService>().EnsureOperatorAsync(CancellationToken.None);
        var second = await env.Get<BootstrapService>().EnsureOperatorAsync(CancellationToken.None);
        var signIn = await env.Get<UserService>().SignInAsync("ops@platform.test", "operator password", CancellationToken.None);
        var actor = await env.Get<UserService>().ActorForUserAsync(signIn.User!, CancellationToken.None);

        first.CreatedOperator.ShouldBeTrue();
        second.ShouldBe(new BootstrapResult(false, null));
        actor.OrganizationKind.ShouldBe(OrganizationKind.Operator);
        actor.Has(Permissions.OrgsAdmin).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EnsureOperatorAsync_WithoutConfiguration_IssuesSetupLinkForOperatorAdmin(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);

        var result = await env.Get<BootstrapService>().EnsureOperatorAsync(CancellationToken.None);
        var invitation = await env.Get<InvitationService>().FindOpenAsync(result.SetupToken!, CancellationToken.None);
        var user = await env.Get<InvitationService>().AcceptAsync(result.SetupToken!, "first@ops.test", "First", "first operator pw", CancellationToken.None);
        var after = await env.Get<BootstrapService>().EnsureOperatorAsync(CancellationToken.None);

        invitation.ShouldNotBeNull();
        invitation.IsAdmin.ShouldBeTrue();
        user.IsAdmin.ShouldBeTrue();
        (await env.Get<ReelRightsDbContext>().Organizations.SingleAsync()).Kind.ShouldBe(OrganizationKind.Operator);
        after.SetupToken.ShouldBeNull();
    }
}
