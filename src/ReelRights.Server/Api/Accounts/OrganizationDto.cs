using ReelRights.Core.Accounts;

namespace ReelRights.Server.Api.Accounts;

public sealed record OrganizationDto(Guid Id, string Name, OrganizationKind Kind, DateTime CreatedAt)
{
    public static OrganizationDto From(Organization o) => new(o.Id, o.Name, o.Kind, o.CreatedAt);
}
