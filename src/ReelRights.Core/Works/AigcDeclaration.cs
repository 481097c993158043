namespace ReelRights.Core.Works;

/// <summary>
/// The owner's statement on AI use (AIGC 声明): whether AI tools were used, which and for what,
/// what people contributed, and an optional creation-process log whose steps are hashed — the
/// kind of record the Beijing Internet Court relied on to find human originality in an
/// AI-generated image ((2023) 京0491民初11279号).
/// </summary>
public sealed record AigcDeclaration(bool UsesAi, IReadOnlyList<string>? Tools = null, string? AiRole = null, string? HumanContribution = null,
    IReadOnlyList<CreationStep>? CreationLog = null)
{
    public static AigcDeclaration None { get; } = new(false, null, null, null, null);

    public AigcDeclaration Validated()
    {
        var tools = (Tools ?? []).Select(t => Validation.Text(t, "aigc.tools", 100)).ToList();
        if (tools.Count > 50 || (CreationLog?.Count ?? 0) > 1000)
        {
            throw ReelRightsException.Invalid("invalid-aigc", "AIGC 声明的条目过多。", "The AIGC declaration has too many entries.");
        }
        if (!UsesAi && (tools.Count > 0 || !string.IsNullOrWhiteSpace(AiRole)))
        {
            throw ReelRightsException.Invalid("invalid-aigc", "声明未使用 AI，却列出了 AI 工具或用途。", "The declaration says no AI was used but lists AI tools or uses.");
        }
        return new AigcDeclaration(UsesAi, tools,
            string.IsNullOrWhiteSpace(AiRole) ? null : Validation.Text(AiRole, "aigc.aiRole", 2000),
            string.IsNullOrWhiteSpace(HumanContribution) ? null : Validation.Text(HumanContribution, "aigc.humanContribution", 4000),
            CreationLog?.Select(step => step.Validated()).ToList());
    }
}

/// <summary>One step of a creation log: what was done, with what prompt and parameters, and the hash of what it produced.</summary>
public sealed record CreationStep(string Action, string? Prompt = null, string? Parameters = null, string? OutputSha256 = null, bool Chosen = false)
{
    public CreationStep Validated() => new(
        Validation.Text(Action, "aigc.creationLog.action", 500),
        string.IsNullOrWhiteSpace(Prompt) ? null : Validation.Text(Prompt, "aigc.creationLog.prompt", 8000),
        string.IsNullOrWhiteSpace(Parameters) ? null : Validation.Text(Parameters, "aigc.creationLog.parameters", 4000),
        string.IsNullOrWhiteSpace(OutputSha256) ? null : Validation.HexDigest(OutputSha256, "aigc.creationLog.outputSha256"),
        Chosen);
}
