namespace ReelRights.Core.Licensing.Royalties;

/// <summary>One report of usage by a licensee: a CSV file or one API call, applied whole or not at all.</summary>
public sealed class UsageImport
{
    public Guid Id { get; set; }
    public Guid LicenseId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? UserId { get; set; }
    /// <summary>"csv" or "api".</summary>
    public string Source { get; set; } = "";
    public string? FileName { get; set; }
    /// <summary>SHA-256 of the file as received (of the canonical JSON rows for an API call).</summary>
    public string Sha256 { get; set; } = "";
    public int Rows { get; set; }
    public DateTime At { get; set; }
}
