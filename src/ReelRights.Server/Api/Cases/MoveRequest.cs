using ReelRights.Core.Cases;

namespace ReelRights.Server.Api.Cases;

/// <summary>What a move carries; each move uses the fields it needs.</summary>
public sealed record MoveRequest(
    string? Note = null,
    IReadOnlyList<string>? AttachmentsSha256 = null,
    IReadOnlyList<LocationMeasure>? Measures = null,
    string? RespondentName = null,
    string? RespondentContact = null,
    string? RegistrationCode = null,
    string? AgreementSha256 = null)
{
    public MoveInput ToInput() => new()
    {
        Note = Note,
        AttachmentsSha256 = AttachmentsSha256,
        Measures = Measures,
        RespondentName = RespondentName,
        RespondentContact = RespondentContact,
        RegistrationCode = RegistrationCode,
        AgreementSha256 = AgreementSha256,
    };
}
