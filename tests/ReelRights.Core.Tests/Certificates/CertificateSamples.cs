using System.Security.Cryptography;
using System.Text;
using ReelRights.Core.Certificates;

namespace ReelRights.Core.Tests.Certificates;

/// <summary>A realistic certificate model; tests change what they exercise with <c>with</c>.</summary>
internal static class CertificateSamples
{
    public const string WorkCode = "RR-2026-MD-7K3Q9X-4";
    public const string VerificationUrl = "https://reelrights.example.cn/verify/RRC-2026-000123";

    public static CertificateModel Model(int episodes = 3) => new()
    {
        CertificateNumber = "RRC-2026-000123",
        WorkCode = WorkCode,
        WorkTitle = "霸道总裁的替身新娘",
        WorkTypeZh = "微短剧",
        WorkTypeEn = "Micro-drama",
        OwnerName = "杭州星河影视文化传媒有限公司",
        RegisteredAt = new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero),
        LeafIndex = 123456,
        LeafHash = Hex("leaf"),
        CheckpointTreeSize = 123500,
        LogOrigin = "reelrights.example.cn/log/2026",
        Episodes = Enumerable.Range(1, episodes).Select(i => new CertificateEpisode(
            i, $"{WorkCode}-E{i:000}-Q", $"第{i}集 命运的相遇", 95.4 + i, Hex($"media {i}"), i % 2 == 0 ? null : Hex($"sm3 {i}"), Hex($"fp {i}"))).ToList(),
        Rights =
        [
            new("信息网络传播权", "Right of communication via information network", "杭州星河影视文化传媒有限公司", "中国大陆 Mainland China", "2026-03-01 至 2036-02-28，独占"),
            new("改编权", "Adaptation right", "某某网络文学有限公司", "全球 Worldwide", "长期 Perpetual"),
        ],
        AigcSummaryZh = "第3集片头使用人工智能生成，已按 GB 45438-2025 添加隐式标识。",
        AigcSummaryEn = "The title sequence of episode 3 is AI-generated and carries implicit labels per GB 45438-2025.",
        Documents = [new("改编授权书.pdf", Hex("license"))],
        VerificationUrl = VerificationUrl,
    };

    public static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
