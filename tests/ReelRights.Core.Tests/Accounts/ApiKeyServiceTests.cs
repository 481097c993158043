using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;

namespace ReelRights.Core.Tests.Accounts;

public sealed class ApiKeyServiceTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AuthenticateAsync_IssuedKey_ActsForItsOrganizationWithItsPermissionsOnly(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (org, admin) = await env.CreateOrgAsync("A");
        var issued = await env.Get<ApiKeyService>().CreateAsync(admin, "pipeline", ["works:read", "org:read"], CancellationToken.None);

        var actor = await env.Get<ApiKeyService>().AuthenticateAsync(issued.Secret, CancellationToken.None);

        actor.ShouldNotBeNull();
        actor.OrganizationId.ShouldBe(org.Id);
        actor.ApiKeyId.ShouldBe(issued.Key.Id);
        actor.UserId.ShouldBeNull();
        actor.Permissions.OrderBy(p => p, StringComparer.Ordinal).ShouldBe(["org:read", "works:read"]);
        issued.Key.SecretHash.ShouldNotContain(issued.Secret);
        issued.Secret.ShouldStartWith(issued.Key.Prefix + "_");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AuthenticateAsync_RevokedKey_IsRefusedAtOnce(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (_, admin) = await env.CreateOrgAsync("A");
        var issued = await env.Get<ApiKeyService>().CreateAsync(admin, "k", ["org:read"], CancellationToken.None);

        await env.Get<ApiKeyService>().RevokeAsync(admin, issued.Key.Id, CancellationToken.None);
        await using var other = env.NewScope();
        var actor = await other.ServiceProvider.GetRequiredService<ApiKeyService>().AuthenticateAsync(issued.Secret, CancellationToken.None);

        actor.ShouldBeNull();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AuthenticateAsync_TamperedOrForeignShapedKeys_AreRefused(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (_, admin) = await env.CreateOrgAsync("A");
        var issued = await env.Get<ApiKeyService>().CreateAsync(admin, "k", ["org:read"], CancellationToken.None);
        var keys = env.Get<ApiKeyService>();
        var last = issued.Secret[^1] == 'A' ? 'B' : 'A';

        (await keys.AuthenticateAsync(issued.Secret[..^1] + last, CancellationToken.None)).ShouldBeNull();
        (await keys.AuthenticateAsync(issued.Key.Prefix, CancellationToken.None)).ShouldBeNull();
        (await keys.AuthenticateAsync("", CancellationToken.None)).ShouldBeNull();
        (await keys.AuthenticateAsync("rr_", CancellationToken.None)).ShouldBeNull();
        (await keys.AuthenticateAsync("Bearer " + issued.Secret, CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CreateAsync_PermissionBeyondCreatorOrUnknown_IsRejected(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (_, admin) = await env.CreateOrgAsync("A");
        var keys = env.Get<ApiKeyService>();

        var beyond = await Should.ThrowAsync<ReelRightsException>(() => keys.CreateAsync(admin, "k", ["orgs:admin"], CancellationToken.None));
        var unknown = await Should.ThrowAsync<ReelRightsException>(() => keys.CreateAsync(admin, "k", ["root"], CancellationToken.None));
        var none = await Should.ThrowAsync<ReelRightsException>(() => keys.CreateAsync(admin, "k", [], CancellationToken.None));

        beyond.Kind.ShouldBe(ErrorKind.Forbidden);
        unknown.Code.ShouldBe("unknown-permission");
        none.Code.ShouldBe("no-permissions");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RevokeAsync_KeyOfAnotherOrganization_IsNotFoundAndKeyKeepsWorking(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (_, adminA) = await env.CreateOrgAsync("A");
        var (_, adminB) = await env.CreateOrgAsync("B");
        var keyB = await env.Get<ApiKeyService>().CreateAsync(adminB, "b", ["org:read"], CancellationToken.None);

        var error = await Should.ThrowAsync<ReelRightsException>(() => env.Get<ApiKeyService>().RevokeAsync(adminA, keyB.Key.Id, CancellationToken.None));
        var listA = await env.Get<ApiKeyService>().ListAsync(adminA, CancellationToken.None);

        error.Kind.ShouldBe(ErrorKind.NotFound);
        listA.ShouldNotContain(k => k.Id == keyB.Key.Id);
        (await env.Get<ApiKeyService>().AuthenticateAsync(keyB.Secret, CancellationToken.None)).ShouldNotBeNull();
    }
}
