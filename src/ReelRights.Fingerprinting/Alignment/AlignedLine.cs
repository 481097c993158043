using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Fingerprinting.Alignment;

/// <summary>
/// A straight line referenceTime = Speed · queryTime + Offset supported by matches, cut into the
/// query intervals where it is supported.
/// </summary>
/// <param name="Speed">Copy speed relative to the reference.</param>
/// <param name="Offset">Reference seconds at query time 0.</param>
/// <param name="Segments">Supported intervals.</param>
/// <param name="Evidence">Video: distinct pictures passed in order; audio: foreground frames, discounted for repetition (see <see cref="HoughAligner"/>).</param>
internal sealed record AlignedLine(double Speed, double Offset, IReadOnlyList<MatchedSegment> Segments, double Evidence)
{
    public double ReferenceTimeAt(double queryTime) => (Speed * queryTime) + Offset;
}
