namespace ReelRights.Server.Api.Accounts;

/// <summary>A new invitation; <see cref="Url"/> holds the one-time token and is shown only now.</summary>
public sealed record InvitationDto(Guid Id, Guid OrganizationId, string? Email, bool IsAdmin, DateTime ExpiresAt, string Url);
