namespace ReelRights.Core.Accounts;

/// <summary>
/// Named permissions. Users get them from their organization kind and admin flag; API keys carry
/// a chosen subset of their creator's. Names are part of the API contract.
/// </summary>
public static class Permissions
{
    public const string OrgRead = "org:read";
    public const string UsersManage = "users:manage";
    public const string KeysManage = "keys:manage";
    public const string AuditRead = "audit:read";
    /// <summary>Operator only: create organizations, appoint mediators.</summary>
    public const string OrgsAdmin = "orgs:admin";
    public const string WorksRead = "works:read";
    public const string WorksWrite = "works:write";
    public const string MonitoringRead = "monitoring:read";
    public const string MonitoringWrite = "monitoring:write";
    public const string ScreeningSubmit = "screening:submit";
    /// <summary>Seal a document digest on the ledger (存证).</summary>
    public const string LedgerAttest = "ledger:attest";
    /// <summary>Read the organization's notifications and mark them read; every member holds it.</summary>
    public const string NotificationsRead = "notifications:read";
    /// <summary>See the cases the organization is a party to.</summary>
    public const string CasesRead = "cases:read";
    /// <summary>Open cases and make the moves of the organization's role in them.</summary>
    public const string CasesWrite = "cases:write";
    /// <summary>See the catalogue, and the organization's listings, deals and licenses.</summary>
    public const string LicensingRead = "licensing:read";
    /// <summary>List rights, make and answer offers, sign contracts, report usage.</summary>
    public const string LicensingWrite = "licensing:write";
    public const string FinanceRead = "finance:read";
    public const string FinanceWrite = "finance:write";

    public static readonly IReadOnlyList<string> All =
    [
        OrgRead, UsersManage, KeysManage, AuditRead, OrgsAdmin,
        WorksRead, WorksWrite, MonitoringRead, MonitoringWrite, ScreeningSubmit, LedgerAttest, NotificationsRead,
        CasesRead, CasesWrite, LicensingRead, LicensingWrite, FinanceRead, FinanceWrite,
    ];

    /// <summary>What a user of the given kind of organization holds.</summary>
    public static IReadOnlySet<string> ForUser(OrganizationKind kind, bool isAdmin)
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { OrgRead, WorksRead, MonitoringRead, NotificationsRead, CasesRead, LicensingRead, FinanceRead };
        if (isAdmin)
        {
            set.UnionWith([UsersManage, KeysManage, AuditRead]);
        }
        switch (kind)
        {
            case OrganizationKind.RightsHolder:
                set.UnionWith([WorksWrite, MonitoringWrite, LedgerAttest, CasesWrite, LicensingWrite, FinanceWrite]);
                break;
            case OrganizationKind.Platform:
                set.UnionWith([ScreeningSubmit, CasesWrite, LicensingWrite]);
                break;
            case OrganizationKind.Mediator:
                set.Add(CasesWrite);
                break;
            case OrganizationKind.Licensee:
                set.Add(LicensingWrite);
                break;
            case OrganizationKind.Operator when isAdmin:
                set.UnionWith([OrgsAdmin, LedgerAttest, CasesWrite]);
                break;
        }
        return set;
    }

    /// <summary>Parses a space- or comma-separated list; unknown names are an error.</summary>
    public static IReadOnlySet<string> Parse(IEnumerable<string> names)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in names)
        {
            foreach (var name in raw.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!All.Contains(name))
                {
                    throw ReelRightsException.Invalid("unknown-permission",
                        $"未知的权限：{name}。", $"Unknown permission: {name}.");
                }
                set.Add(name);
            }
        }
        return set;
    }
}
