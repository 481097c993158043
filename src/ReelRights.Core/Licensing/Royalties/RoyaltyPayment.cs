namespace ReelRights.Core.Licensing.Royalties;

/// <summary>A payment against a confirmed statement: amount, the day it was paid, the bank or transfer reference, who recorded it.</summary>
public sealed class RoyaltyPayment
{
    public Guid Id { get; set; }
    public Guid StatementId { get; set; }
    public long AmountMinor { get; set; }
    public DateOnly PaidOn { get; set; }
    public string Reference { get; set; } = "";
    public Guid OrganizationId { get; set; }
    public Guid? UserId { get; set; }
    public DateTime At { get; set; }
    public long? LedgerIndex { get; set; }
}
