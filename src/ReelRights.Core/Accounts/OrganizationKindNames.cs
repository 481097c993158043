namespace ReelRights.Core.Accounts;

/// <summary>Display names and the wire spelling (kebab case) of organization kinds.</summary>
public static class OrganizationKindNames
{
    public static string Zh(OrganizationKind kind) => kind switch
    {
        OrganizationKind.RightsHolder => "权利人",
        OrganizationKind.Platform => "平台",
        OrganizationKind.Mediator => "调解员",
        OrganizationKind.Licensee => "被许可方",
        OrganizationKind.Operator => "运营方",
        _ => kind.ToString(),
    };

    public static string En(OrganizationKind kind) => kind switch
    {
        OrganizationKind.RightsHolder => "Rights holder",
        OrganizationKind.Platform => "Platform",
        OrganizationKind.Mediator => "Mediator",
        OrganizationKind.Licensee => "Licensee",
        OrganizationKind.Operator => "Operator",
        _ => kind.ToString(),
    };

    public static string Wire(OrganizationKind kind) => kind switch
    {
        OrganizationKind.RightsHolder => "rights-holder",
        OrganizationKind.Platform => "platform",
        OrganizationKind.Mediator => "mediator",
        OrganizationKind.Licensee => "licensee",
        OrganizationKind.Operator => "operator",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out OrganizationKind kind)
    {
        foreach (var k in Enum.GetValues<OrganizationKind>())
        {
            if (string.Equals(Wire(k), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
