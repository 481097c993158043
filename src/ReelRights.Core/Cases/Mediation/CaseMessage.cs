namespace ReelRights.Core.Cases.Mediation;

/// <summary>A message on a case between its parties, optionally carrying one document (stored content-addressed).</summary>
public sealed class CaseMessage
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public CaseRole AuthorRole { get; set; }
    public Guid? AuthorOrganizationId { get; set; }
    public Guid? AuthorUserId { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>SHA-256 of the document, which is also its blob address.</summary>
    public string? DocumentSha256 { get; set; }
    public string? DocumentName { get; set; }
    /// <summary>The media type found from the document's own bytes, not the one the uploader claimed.</summary>
    public string? DocumentType { get; set; }
    public long? DocumentSize { get; set; }
    public DateTime At { get; set; }
}
