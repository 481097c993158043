using ReelRights.Core.Cases;

namespace ReelRights.Server.Api.Cases;

/// <summary>A platform's reasonable period; without amount and unit, the default for its kind.</summary>
public sealed record PlatformPolicyRequest(bool ECommerce, int? Amount = null, ClockUnit? Unit = null);
