namespace ReelRights.Core.Accounts;

public enum SignInStatus
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
}
