namespace ReelRights.Server.Api.Accounts;

public sealed record CreateInvitationRequest(string? Email = null, bool IsAdmin = false);
