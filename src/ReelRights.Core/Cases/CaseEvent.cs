namespace ReelRights.Core.Cases;

/// <summary>One step on a case's timeline, sealed on the ledger as a "case-transition" leaf.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int Sequence { get; set; }
    /// <summary>Null for the opening of the case.</summary>
    public CaseAction? Action { get; set; }
    public CaseState? FromState { get; set; }
    public CaseState ToState { get; set; }
    public CaseRole ActorRole { get; set; }
    public Guid? ActorOrganizationId { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? Note { get; set; }
    /// <summary>SHA-256 over the attachments' digests, when the step carried any.</summary>
    public string? AttachmentsSha256 { get; set; }
    /// <summary>SM3 of the one document a step signs (the settlement agreement's PDF), beside its SHA-256.</summary>
    public string? AttachmentsSm3 { get; set; }
    public DateTime At { get; set; }
    /// <summary>The ledger leaf; null until sealed (a job seals what a crash left unsealed).</summary>
    public long? LedgerIndex { get; set; }
}
