namespace ReelRights.Core.Finance;

/// <summary>A stored report with its content read back.</summary>
public sealed record ValuationReportView(ValuationReport Report, ValuationContent Content, Guid WorkId);
