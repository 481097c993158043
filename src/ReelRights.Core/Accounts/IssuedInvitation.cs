namespace ReelRights.Core.Accounts;

/// <summary>An invitation with its token; the token exists only here and in the link given to the person.</summary>
public sealed record IssuedInvitation(Invitation Invitation, string Token);
