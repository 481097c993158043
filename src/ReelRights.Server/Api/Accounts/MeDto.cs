namespace ReelRights.Server.Api.Accounts;

public sealed record MeDto(OrganizationDto Organization, UserDto? User, Guid? ApiKeyId, IReadOnlyList<string> Permissions);
