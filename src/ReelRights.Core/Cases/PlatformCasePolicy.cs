namespace ReelRights.Core.Cases;

/// <summary>
/// A platform's reasonable period after it forwards a counter-notice: 15 days for e-commerce
/// platforms (E-Commerce Law art. 43), 20 working days by default for others; a platform may set
/// its own (published in its rules).
/// </summary>
public sealed class PlatformCasePolicy
{
    public Guid OrganizationId { get; set; }
    public bool ECommerce { get; set; }
    public int ComplaintPeriodAmount { get; set; }
    public ClockUnit ComplaintPeriodUnit { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static ClockRule DefaultFor(bool eCommerce) =>
        eCommerce ? new ClockRule(15, ClockUnit.CalendarDays) : new ClockRule(20, ClockUnit.WorkingDays);
}
