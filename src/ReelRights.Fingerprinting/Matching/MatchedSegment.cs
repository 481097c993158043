namespace ReelRights.Fingerprinting.Matching;

/// <summary>Copied seconds: where they are in the query and where they came from in the reference.</summary>
/// <param name="QueryStart">Start in the query, seconds.</param>
/// <param name="QueryEnd">End in the query, seconds.</param>
/// <param name="ReferenceStart">Start in the reference, seconds.</param>
/// <param name="ReferenceEnd">End in the reference, seconds.</param>
public sealed record MatchedSegment(double QueryStart, double QueryEnd, double ReferenceStart, double ReferenceEnd)
{
    /// <summary>Query seconds covered.</summary>
    public double QueryDuration => QueryEnd - QueryStart;
}
