using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core.Accounts;

namespace ReelRights.Core.Tests.Accounts;

public sealed class UserServiceTests
{
    private const string Password = "a long enough password";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SignInAsync_CorrectPassword_SucceedsAndRecordsTime(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (org, admin) = await env.CreateOrgAsync("星河影业");
        await env.Get<UserService>().CreateAsync(admin, org.Id, " Lin@XingHe.Test ", "林制片", Password, false, CancellationToken.None);

        var result = await env.Get<UserService>().SignInAsync("lin@xinghe.test", Password, CancellationToken.None);

        result.Status.ShouldBe(SignInStatus.Succeeded);
        result.User!.Email.ShouldBe("lin@xinghe.test");
        result.User.LastSignInAt.ShouldBe(env.Time.GetUtcNow().UtcDateTime);
        result.User.LastSignInAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SignInAsync_RepeatedFailures_LocksOutEvenCorrectPasswordUntilLockoutEnds(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider, o =>
        {
            o.MaxFailedSignIns = 3;
            o.LockoutDuration = TimeSpan.FromMinutes(10);
        });
        var (org, admin) = await env.CreateOrgAsync("Studio");
        await env.Get<UserService>().CreateAsync(admin, org.Id, "a@b.test", "A", Password, false, CancellationToken.None);
        var users = env.Get<UserService>();

        (await users.SignInAsync("a@b.test", "wrong 1", CancellationToken.None)).Status.ShouldBe(SignInStatus.InvalidCredentials);
        (await users.SignInAsync("a@b.test", "wrong 2", CancellationToken.None)).Status.ShouldBe(SignInStatus.InvalidCredentials);
        (await users.SignInAsync("a@b.test", "wrong 3", CancellationToken.None)).Status.ShouldBe(SignInStatus.LockedOut);
        (await users.SignInAsync("a@b.test", Password, CancellationToken.None)).Status.ShouldBe(SignInStatus.LockedOut);

        env.Time.Advance(TimeSpan.FromMinutes(11));
        (await users.SignInAsync("a@b.test", Password, CancellationToken.None)).Status.ShouldBe(SignInStatus.Succeeded);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SignInAsync_UnknownEmail_IsInvalidCredentials(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);

        var result = await env.Get<UserService>().SignInAsync("nobody@x.test", Password, CancellationToken.None);

        result.Status.ShouldBe(SignInStatus.InvalidCredentials);
        result.User.ShouldBeNull();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CreateAsync_DuplicateEmailOrWeakPassword_IsRejected(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (org, admin) = await env.CreateOrgAsync("Studio");
        var users = env.Get<UserService>();
        await users.CreateAsync(admin, org.Id, "dup@x.test", "A", Password, false, CancellationToken.None);

        var dup = await Should.ThrowAsync<ReelRightsException>(() => users.CreateAsync(admin, org.Id, "DUP@x.test", "B", Password, false, CancellationToken.None));
        var weak = await Should.ThrowAsync<ReelRightsException>(() => users.CreateAsync(admin, org.Id, "new@x.test", "B", "short", false, CancellationToken.None));
        var badEmail = await Should.ThrowAsync<ReelRightsException>(() => users.CreateAsync(admin, org.Id, "not an email", "B", Password, false, CancellationToken.None));

        dup.Code.ShouldBe("email-taken");
        weak.Code.ShouldBe("weak-password");
        badEmail.Code.ShouldBe("invalid-email");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CreateAsync_InAnotherOrganization_IsNotFound(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (_, adminA) = await env.CreateOrgAsync("A");
        var (orgB, _) = await env.CreateOrgAsync("B");

        var error = await Should.ThrowAsync<ReelRightsException>(() =>
            env.Get<UserService>().CreateAsync(adminA, orgB.Id, "x@y.test", "X", Password, false, CancellationToken.None));

        error.Kind.ShouldBe(ErrorKind.NotFound);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SignInAsync_StoredHashCheaperThanConfigured_IsUpgraded(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider, o => o.Pbkdf2Iterations = 1000);
        var (org, admin) = await env.CreateOrgAsync("Studio");
        var user = await env.Get<UserService>().CreateAsync(admin, org.Id, "up@x.test", "U", Password, false, CancellationToken.None);
        user.PasswordHash.ShouldStartWith("pbkdf2-sha256$1000$");

        await using var scope = env.NewScope();
        var stronger = new UserService(
            scope.ServiceProvider.GetRequiredService<Data.ReelRightsDbContext>(),
            scope.ServiceProvider.GetRequiredService<Auditing.AuditLog>(),
            env.Time,
            Microsoft.Extensions.Options.Options.Create(new AccountOptions { Pbkdf2Iterations = 2000 }));
        var result = await stronger.SignInAsync("up@x.test", Password, CancellationToken.None);

        result.Status.ShouldBe(SignInStatus.Succeeded);
        result.User!.PasswordHash.ShouldStartWith("pbkdf2-sha256$2000$");
    }
}
