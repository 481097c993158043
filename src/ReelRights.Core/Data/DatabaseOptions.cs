namespace ReelRights.Core.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>When empty, SQLite uses <c>{DataDirectory}/reelrights.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
