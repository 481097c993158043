namespace ReelRights.Core.Cases.Mediation;

/// <summary>A scheduled mediation session: when (kept in UTC, shown in its time zone), and where or which online link.</summary>
public sealed class MediationSession
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTime StartsAt { get; set; }
    /// <summary>IANA time zone the session is announced in; Asia/Shanghai unless the mediator chose otherwise.</summary>
    public string TimeZone { get; set; } = MediationService.DefaultTimeZone;
    public int DurationMinutes { get; set; }
    public string? OnlineLink { get; set; }
    public string? Place { get; set; }
    public string? Note { get; set; }
    public Guid CreatedByOrganizationId { get; set; }
    public DateTime CreatedAt { get; set; }
}
