namespace ReelRights.Server.Api.Cases;

public sealed record AssignMediatorRequest(Guid MediatorOrganizationId);
