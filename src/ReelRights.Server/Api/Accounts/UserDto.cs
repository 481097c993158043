using ReelRights.Core.Accounts;

namespace ReelRights.Server.Api.Accounts;

public sealed record UserDto(Guid Id, string Email, string DisplayName, bool IsAdmin, DateTime CreatedAt, DateTime? LastSignInAt)
{
    public static UserDto From(User u) => new(u.Id, u.Email, u.DisplayName, u.IsAdmin, u.CreatedAt, u.LastSignInAt);
}
