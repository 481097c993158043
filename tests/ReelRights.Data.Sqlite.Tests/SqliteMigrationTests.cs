using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Testing;

namespace ReelRights.Data.Sqlite.Tests;

public sealed class SqliteMigrationTests
{
    [Fact]
    public async Task MigrateAsync_FreshDatabase_CreatesSchemaInWalModeAndSecondRunDoesNothing()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var db = database.NewContext();
        var runner = new MigrationRunner(db, database.Provider, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

        var first = await runner.MigrateAsync(CancellationToken.None);
        var second = await runner.MigrateAsync(CancellationToken.None);

        first.ShouldBe(database.Provider.Migrations.Count);
        second.ShouldBe(0);
        await using var conn = new SqliteConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        ((string)(await cmd.ExecuteScalarAsync())!).ShouldBe("wal");
    }

    [Fact]
    public async Task Model_AgreesWithHandWrittenSchema_RoundTripsEveryEntity()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var db = await database.NewMigratedContextAsync();
        var org = new Organization { Id = Guid.NewGuid(), Name = "星河影业", Kind = OrganizationKind.Licensee, CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) };
        db.Organizations.Add(org);
        db.Users.Add(new User { Id = Guid.NewGuid(), OrganizationId = org.Id, Email = "a@b.test", DisplayName = "A", PasswordHash = "h", SecurityStamp = "s", IsAdmin = true, LockedUntil = org.CreatedAt, CreatedAt = org.CreatedAt });
        db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), OrganizationId = org.Id, Name = "k", Prefix = "rr_x", SecretHash = "00", Permissions = "org:read", CreatedAt = org.CreatedAt });
        db.Invitations.Add(new Invitation { Id = Guid.NewGuid(), OrganizationId = org.Id, TokenHash = "t", CreatedAt = org.CreatedAt, ExpiresAt = org.CreatedAt });
        db.AuditEvents.Add(new Core.Auditing.AuditEvent { Id = Guid.NewGuid(), Action = "x", At = org.CreatedAt });
        db.Notifications.Add(new Core.Notifications.Notification
        {
            Id = Guid.CreateVersion7(), OrganizationId = org.Id, Kind = "registration.needs-review", TitleZh = "登记待审核", TitleEn = "Held",
            BodyZh = "正文", BodyEn = "Body", Link = "/review", CreatedAt = org.CreatedAt, ReadAt = org.CreatedAt,
        });
        await db.SaveChangesAsync();

        await using var fresh = database.NewContext();
        var loaded = await fresh.Organizations.SingleAsync();
        var user = await fresh.Users.SingleAsync();

        loaded.Name.ShouldBe("星河影业");
        loaded.Kind.ShouldBe(OrganizationKind.Licensee);
        loaded.CreatedAt.ShouldBe(org.CreatedAt);
        loaded.CreatedAt.Kind.ShouldBe(DateTimeKind.Utc);
        user.LockedUntil!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        (await fresh.ApiKeys.CountAsync()).ShouldBe(1);
        (await fresh.Invitations.CountAsync()).ShouldBe(1);
        (await fresh.AuditEvents.CountAsync()).ShouldBe(1);
        var notification = await fresh.Notifications.SingleAsync();
        notification.TitleZh.ShouldBe("登记待审核");
        notification.ReadAt.ShouldBe(org.CreatedAt);
        notification.ReadAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public async Task MigrateAsync_AppliedMigrationEditedLater_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using (var db = await database.NewMigratedContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
        }
        await using var again = database.NewContext();

        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            new MigrationRunner(again, database.Provider, TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None));

        error.Message.ShouldContain("changed after it was applied");
    }

    [Fact]
    public async Task User_DuplicateEmail_IsRejectedByUniqueIndex()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var db = await database.NewMigratedContextAsync();
        var org = new Organization { Id = Guid.NewGuid(), Name = "A", CreatedAt = DateTime.UtcNow };
        db.Organizations.Add(org);
        db.Users.Add(new User { Id = Guid.NewGuid(), OrganizationId = org.Id, Email = "same@x.test", DisplayName = "A", PasswordHash = "h", SecurityStamp = "s" });
        db.Users.Add(new User { Id = Guid.NewGuid(), OrganizationId = org.Id, Email = "same@x.test", DisplayName = "B", PasswordHash = "h", SecurityStamp = "s" });

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
