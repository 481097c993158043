using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ReelRights.Core.Data;

/// <summary>
/// Maps CLR names to snake_case tables and columns, so the hand-written SQL reads naturally on
/// both SQLite and PostgreSQL (which would otherwise need every identifier quoted).
/// </summary>
internal static class SnakeCaseNaming
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = Plural(ToSnake(entity.ClrType.Name));
            entity.SetTableName(table);
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnake(property.Name));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName($"pk_{table}");
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName($"ix_{table}_{string.Join('_', index.Properties.Select(p => ToSnake(p.Name)))}");
            }
        }
    }

    private static string Plural(string name) =>
        name.Length > 1 && name[^1] == 'y' && !"aeiou".Contains(name[^2], StringComparison.Ordinal) ? name[..^1] + "ies" : name + "s";

    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
