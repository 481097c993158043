namespace ReelRights.Core.Aigc;

/// <summary>
/// An implicit AIGC label found in a file's metadata (GB 45438-2025 《人工智能生成合成内容标识方法》,
/// implicit identification in file metadata): where it was ("format" or "stream N"), the tag, its
/// raw value, and the fields read. Label 1 = AI-generated, 2 = possibly, 3 = suspected.
/// </summary>
public sealed record AigcLabel(string Location, string TagName, string RawValue, string? Label, string? ContentProducer,
    string? ProduceId, string? ContentPropagator, string? PropagateId)
{
    /// <summary>Whether the label says the content is AI-generated (Label 1).</summary>
    public bool DeclaresAiGenerated => Label == "1";
}
