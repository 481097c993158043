namespace ReelRights.Core.Accounts;

/// <summary>
/// Who is acting: a signed-in user or an API key, always within one organization. Every service
/// method takes one and limits what it reads and writes to <see cref="OrganizationId"/>.
/// </summary>
public sealed record Actor(
    Guid OrganizationId,
    OrganizationKind OrganizationKind,
    Guid? UserId,
    Guid? ApiKeyId,
    IReadOnlySet<string> Permissions)
{
    public bool Has(string permission) => Permissions.Contains(permission);

    /// <summary>Throws a typed error when the permission is missing.</summary>
    public void Require(string permission)
    {
        if (!Has(permission))
        {
            throw ReelRightsException.Forbidden(
                $"没有执行此操作的权限（需要 {permission}）。",
                $"You do not have permission for this action (needs {permission}).");
        }
    }

    /// <summary>The actor used by command-line administration on the server machine.</summary>
    public static Actor System(Guid organizationId, OrganizationKind kind) =>
        new(organizationId, kind, null, null, new HashSet<string>(Accounts.Permissions.All));
}
