using ReelRights.Core.Data;
using ReelRights.Data.Postgres;
using ReelRights.Data.Sqlite;

namespace ReelRights.Server.Hosting;

/// <summary>Chooses the storage provider named by <c>Database:Provider</c>.</summary>
internal static class DatabaseSetup
{
    public static (IDatabaseProvider Provider, string ConnectionString) Resolve(DatabaseOptions options, string dataDirectory)
    {
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                return (new SqliteDatabaseProvider(),
                    string.IsNullOrWhiteSpace(options.ConnectionString)
                        ? $"Data Source={Path.Combine(dataDirectory, "reelrights.db")}"
                        : options.ConnectionString);
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres. / 使用 Postgres 时必须设置 Database:ConnectionString。");
                }
                return (new PostgresDatabaseProvider(), options.ConnectionString);
            default:
                throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{options.Provider}'. / Database:Provider 只能是 Sqlite 或 Postgres。");
        }
    }
}
