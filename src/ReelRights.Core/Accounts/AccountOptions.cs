namespace ReelRights.Core.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>PBKDF2-HMAC-SHA256 iterations; 600,000 follows OWASP's 2023 password storage advice.</summary>
    public int Pbkdf2Iterations { get; set; } = 600_000;
    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
    public int MinPasswordLength { get; set; } = 10;
}
