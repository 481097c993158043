using ReelRights.Core.Accounts;

namespace ReelRights.Core.Tests.Accounts;

public sealed class OrganizationServiceTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ListAndGet_NonOperator_SeesOnlyOwnOrganization(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (orgA, adminA) = await env.CreateOrgAsync("A");
        var (orgB, _) = await env.CreateOrgAsync("B", OrganizationKind.Platform);
        var orgs = env.Get<OrganizationService>();

        var list = await orgs.ListAsync(adminA, CancellationToken.None);
        var error = await Should.ThrowAsync<ReelRightsException>(() => orgs.GetAsync(adminA, orgB.Id, CancellationToken.None));
        var missing = await Should.ThrowAsync<ReelRightsException>(() => orgs.GetAsync(adminA, Guid.NewGuid(), CancellationToken.None));

        list.Select(o => o.Id).ShouldBe([orgA.Id]);
        error.Kind.ShouldBe(ErrorKind.NotFound);
        error.MessageEn.ShouldBe(missing.MessageEn);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CreateAsync_WithoutOperatorPermission_IsForbiddenAndNameIsValidated(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (_, admin) = await env.CreateOrgAsync("A");
        var orgs = env.Get<OrganizationService>();
        var system = Actor.System(Guid.Empty, OrganizationKind.Operator);

        (await Should.ThrowAsync<ReelRightsException>(() => orgs.CreateAsync(admin, "X", OrganizationKind.Platform, CancellationToken.None)))
            .Kind.ShouldBe(ErrorKind.Forbidden);
        (await Should.ThrowAsync<ReelRightsException>(() => orgs.CreateAsync(system, "  ", OrganizationKind.Platform, CancellationToken.None)))
            .Code.ShouldBe("invalid-name");
        (await Should.ThrowAsync<ReelRightsException>(() => orgs.CreateAsync(system, "bad\u0001name", OrganizationKind.Platform, CancellationToken.None)))
            .Code.ShouldBe("invalid-name");
    }
}
