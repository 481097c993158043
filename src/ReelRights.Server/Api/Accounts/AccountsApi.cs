using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReelRights.Core.Accounts;
using ReelRights.Core.Auditing;
using ReelRights.Server.Auth;

namespace ReelRights.Server.Api.Accounts;

/// <summary>/api endpoints for organizations, members, invitations, API keys and the audit trail.</summary>
internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMeAsync).WithSummary("当前身份 / Who am I");

        var orgs = api.MapGroup("/organizations").WithTags("Organizations");
        orgs.MapGet("/", ListOrganizationsAsync).WithSummary("组织列表 / List organizations");
        orgs.MapPost("/", CreateOrganizationAsync).WithSummary("创建组织（运营方） / Create an organization (operator)");
        orgs.MapGet("/{id:guid}", GetOrganizationAsync).WithSummary("组织详情 / Get an organization");
        orgs.MapGet("/{id:guid}/users", ListUsersAsync).WithSummary("组织成员 / List members");
        orgs.MapPost("/{id:guid}/invitations", InviteAsync).WithSummary("邀请成员 / Invite a member");

        var keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapGet("/", ListKeysAsync).WithSummary("API 密钥列表 / List API keys");
        keys.MapPost("/", CreateKeyAsync).WithSummary("创建 API 密钥 / Create an API key");
        keys.MapDelete("/{id:guid}", RevokeKeyAsync).WithSummary("撤销 API 密钥 / Revoke an API key");

        api.MapGet("/audit", ListAuditAsync).WithTags("Audit").WithSummary("审计日志 / Audit trail");
        return api;
    }

    private static async Task<Ok<MeDto>> GetMeAsync(ClaimsPrincipal principal, OrganizationService orgs, UserService users, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var org = await orgs.GetAsync(actor, actor.OrganizationId, ct);
        var user = actor.UserId is { } id ? UserDto.From(await users.GetAsync(actor, id, ct)) : null;
        return TypedResults.Ok(new MeDto(OrganizationDto.From(org), user, actor.ApiKeyId, actor.Permissions.Order(StringComparer.Ordinal).ToList()));
    }

    private static async Task<Ok<List<OrganizationDto>>> ListOrganizationsAsync(ClaimsPrincipal principal, OrganizationService orgs, CancellationToken ct) =>
        TypedResults.Ok((await orgs.ListAsync(principal.ToActor(), ct)).Select(OrganizationDto.From).ToList());

    private static async Task<Created<OrganizationDto>> CreateOrganizationAsync(CreateOrganizationRequest request, ClaimsPrincipal principal,
        OrganizationService orgs, CancellationToken ct)
    {
        var org = await orgs.CreateAsync(principal.ToActor(), request.Name, request.Kind, ct);
        return TypedResults.Created($"/api/organizations/{org.Id}", OrganizationDto.From(org));
    }

    private static async Task<Ok<OrganizationDto>> GetOrganizationAsync(Guid id, ClaimsPrincipal principal, OrganizationService orgs, CancellationToken ct) =>
        TypedResults.Ok(OrganizationDto.From(await orgs.GetAsync(principal.ToActor(), id, ct)));

    private static async Task<Ok<List<UserDto>>> ListUsersAsync(Guid id, ClaimsPrincipal principal, UserService users, CancellationToken ct) =>
        TypedResults.Ok((await users.ListAsync(principal.ToActor(), id, ct)).Select(UserDto.From).ToList());

    private static async Task<Created<InvitationDto>> InviteAsync(Guid id, CreateInvitationRequest request, ClaimsPrincipal principal,
        InvitationService invitations, HttpRequest http, CancellationToken ct)
    {
        var issued = await invitations.InviteAsync(principal.ToActor(), id, request.Email, request.IsAdmin, ct);
        var i = issued.Invitation;
        var url = $"{http.Scheme}://{http.Host}/invite/{issued.Token}";
        return TypedResults.Created($"/api/organizations/{id}/invitations/{i.Id}",
            new InvitationDto(i.Id, i.OrganizationId, i.Email, i.IsAdmin, i.ExpiresAt, url));
    }

    private static async Task<Ok<List<ApiKeyDto>>> ListKeysAsync(ClaimsPrincipal principal, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok((await keys.ListAsync(principal.ToActor(), ct)).Select(ApiKeyDto.From).ToList());

    private static async Task<Created<CreatedApiKeyDto>> CreateKeyAsync(CreateApiKeyRequest request, ClaimsPrincipal principal,
        ApiKeyService keys, CancellationToken ct)
    {
        var issued = await keys.CreateAsync(principal.ToActor(), request.Name, request.Permissions, ct);
        return TypedResults.Created($"/api/api-keys/{issued.Key.Id}", new CreatedApiKeyDto(ApiKeyDto.From(issued.Key), issued.Secret));
    }

    private static async Task<NoContent> RevokeKeyAsync(Guid id, ClaimsPrincipal principal, ApiKeyService keys, CancellationToken ct)
    {
        await keys.RevokeAsync(principal.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<AuditEventDto>>> ListAuditAsync(ClaimsPrincipal principal, AuditLog audit, CancellationToken ct, int limit = 100) =>
        TypedResults.Ok((await audit.ListAsync(principal.ToActor(), limit, ct)).Select(AuditEventDto.From).ToList());
}
