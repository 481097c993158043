namespace ReelRights.Core.Finance;

/// <summary>
/// A valuation report as run: its content (signals, parameters, approaches and range) is kept as the
/// exact JSON whose SHA-256 the ledger seals, so a report can be shown, compared and verified later
/// exactly as it was, whatever changed on the platform since.
/// </summary>
public sealed class ValuationReport
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>Readable number, e.g. VR-2027-7K3QF2.</summary>
    public string Number { get; set; } = "";

    /// <summary>The organization that ran it (the work's owner).</summary>
    public Guid OrganizationId { get; set; }

    /// <summary>The work valued.</summary>
    public Guid WorkId { get; set; }

    /// <summary>Currency of every amount in the report.</summary>
    public string Currency { get; set; } = "";

    /// <summary>The report content, canonical JSON (see <see cref="ValuationContent"/>).</summary>
    public string ContentJson { get; set; } = "{}";

    /// <summary>SHA-256 of <see cref="ContentJson"/>'s UTF-8 bytes, lower-case hex.</summary>
    public string ContentSha256 { get; set; } = "";

    /// <summary>The bilingual PDF in the blob store, once rendered.</summary>
    public string? PdfSha256 { get; set; }

    /// <summary>SM3 of the PDF.</summary>
    public string? PdfSm3 { get; set; }

    /// <summary>Low end of the indicated range, minor units; null when no approach could be applied.</summary>
    public long? LowMinor { get; set; }

    /// <summary>Central value, minor units.</summary>
    public long? CentralMinor { get; set; }

    /// <summary>High end, minor units.</summary>
    public long? HighMinor { get; set; }

    /// <summary>When it was run.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Who ran it.</summary>
    public Guid? CreatedBy { get; set; }

    /// <summary>Ledger leaf of the report, once sealed.</summary>
    public long? LedgerIndex { get; set; }
}
