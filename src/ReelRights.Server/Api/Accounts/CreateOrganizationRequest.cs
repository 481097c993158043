using ReelRights.Core.Accounts;

namespace ReelRights.Server.Api.Accounts;

public sealed record CreateOrganizationRequest(string Name, OrganizationKind Kind);
