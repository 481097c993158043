namespace ReelRights.Server.Api.Accounts;

public sealed record CreateInvitationRequest(string? Email, bool IsAdmin = false);
