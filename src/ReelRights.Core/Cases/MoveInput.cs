namespace ReelRights.Core.Cases;

/// <summary>What a move carries.</summary>
public sealed record MoveInput
{
    public string? Note { get; init; }
    public IReadOnlyList<string>? AttachmentsSha256 { get; init; }
    public IReadOnlyList<LocationMeasure>? Measures { get; init; }
    public string? RespondentName { get; init; }
    public string? RespondentContact { get; init; }
    public string? RegistrationCode { get; init; }
    /// <summary>For sign-agreement: the SHA-256 of the agreement PDF the signer read.</summary>
    public string? AgreementSha256 { get; init; }
}
