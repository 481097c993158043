using System.ComponentModel.DataAnnotations;

namespace ReelRights.Server.Hosting;

/// <summary>Host settings (section <c>ReelRights</c>).</summary>
public sealed class ReelRightsOptions
{
    public const string Section = "ReelRights";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Database file, blobs and keys live here; default <c>./data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Largest request body accepted by ordinary API endpoints.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
