namespace ReelRights.Fingerprinting.Alignment;

/// <summary>One verified descriptor match: query frame ↔ reference time, with a similarity weight in (0, 1].</summary>
/// <param name="QueryFrame">Query frame number (votes are ordered by it).</param>
/// <param name="QueryTime">Query seconds.</param>
/// <param name="ReferenceTime">Reference seconds.</param>
/// <param name="Weight">Similarity of the two descriptors, in (0, 1].</param>
/// <param name="ReferenceKey">Index key of the reference descriptor (repetition discount).</param>
/// <param name="QueryBits">The query descriptor (distinct-picture count, see <see cref="AlignmentSettings.DistinctRadius"/>).</param>
/// <param name="ReferenceBits">The reference descriptor (likewise).</param>
/// <param name="Salient">
/// Whether the vote counts as evidence; a background frame of the reference (see
/// <see cref="Audio.AudioSalience"/>) still places the line and its segment ends.
/// </param>
internal readonly record struct Vote(
    int QueryFrame, float QueryTime, float ReferenceTime, float Weight, int ReferenceKey, ulong QueryBits = 0, ulong ReferenceBits = 0, bool Salient = true);
