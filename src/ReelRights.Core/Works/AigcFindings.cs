using System.Text.Json;
using ReelRights.Core.Aigc;

namespace ReelRights.Core.Works;

/// <summary>What an uploaded file says about AI generation: GB 45438 implicit labels and whether it carries a C2PA manifest.</summary>
public sealed record AigcFindings(IReadOnlyList<AigcLabel> Labels, bool C2paManifest)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AigcFindings? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<AigcFindings>(json, Json);
}

/// <summary>A found label that contradicts the owner's declaration, shown to the owner and sealed with the registration.</summary>
public sealed record AigcContradiction(string EpisodeCode, string Label, string MessageZh, string MessageEn)
{
    /// <summary>
    /// The declaration says no AI was used, but an episode's own metadata labels it as AI-generated
    /// (Label 1), possibly (2) or suspected (3) AI-generated (GB 45438-2025 implicit label).
    /// </summary>
    public static IReadOnlyList<AigcContradiction> Find(AigcDeclaration declaration, IEnumerable<Episode> episodes)
    {
        if (declaration.UsesAi)
        {
            return [];
        }
        var found = new List<AigcContradiction>();
        foreach (var episode in episodes)
        {
            foreach (var label in AigcFindings.Parse(episode.AigcFindings)?.Labels ?? [])
            {
                if (label.Label is "1" or "2" or "3")
                {
                    found.Add(new AigcContradiction(episode.Code, label.Label,
                        $"第 {episode.Number} 集文件内的 AIGC 隐式标识（{label.TagName}，Label={label.Label}）表明内容由人工智能生成，与“未使用 AI”的声明矛盾。",
                        $"Episode {episode.Number}'s file carries an implicit AIGC label ({label.TagName}, Label={label.Label}) saying it is AI-generated, contradicting the declaration that no AI was used."));
                }
            }
        }
        return found;
    }
}
