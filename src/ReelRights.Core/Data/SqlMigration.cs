using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace ReelRights.Core.Data;

/// <summary>A versioned, hand-written SQL script for one provider.</summary>
public sealed record SqlMigration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script, recorded when applied so an edited migration is noticed.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>Loads embedded resources named <c>{prefix}/NNNN_name.sql</c>, ordered by version.</summary>
    public static IReadOnlyList<SqlMigration> FromResources(Assembly assembly, string prefix)
    {
        var list = new List<SqlMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix + "/", StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }
            var file = resource[(prefix.Length + 1)..^4];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore < 1 || !int.TryParse(file[..underscore], out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(new SqlMigration(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Version == list[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {list[i].Version}.");
            }
        }
        return list;
    }
}
