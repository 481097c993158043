namespace ReelRights.Core.Accounts;

public sealed record SignInResult(SignInStatus Status, User? User, DateTime? LockedUntil = null);
