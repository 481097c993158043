namespace ReelRights.Core.Accounts;

/// <summary>First-run settings: the operator account to create, if given.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string OperatorOrganization { get; set; } = "平台运营方";
    public string? OperatorEmail { get; set; }
    public string? OperatorPassword { get; set; }
    public string OperatorName { get; set; } = "Operator";
}
