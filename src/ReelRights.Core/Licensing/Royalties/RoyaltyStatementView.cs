namespace ReelRights.Core.Licensing.Royalties;

/// <summary>A statement with what it was computed from, its payments, and what the monitor observed of the license's copies (<see cref="Observed"/>, null when no source reported views).</summary>
public sealed record RoyaltyStatementView(
    RoyaltyStatement Statement,
    License License,
    string WorkTitle,
    string LicensorName,
    string LicenseeName,
    IReadOnlyList<UsageLine> Lines,
    IReadOnlyList<RoyaltyPayment> Payments,
    ObservedViews? Observed = null)
{
    public long PaidMinor => Payments.Sum(p => p.AmountMinor);
    public long OutstandingMinor => Math.Max(0, Statement.OwedMinor - PaidMinor);
}
