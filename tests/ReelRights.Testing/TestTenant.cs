using ReelRights.Core.Accounts;

namespace ReelRights.Testing;

/// <summary>An organization made for one test, with its admin and an all-permission API key.</summary>
public sealed record TestTenant(Organization Organization, User Admin, string ApiKey);
