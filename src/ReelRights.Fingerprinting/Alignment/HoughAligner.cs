using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Fingerprinting.Alignment;

/// <summary>
/// Finds copied stretches as straight lines in the (query time, reference time) plane: each vote
/// is cast for every speed on a grid from 0.78 to 1.62 into the offset bin it implies — a Hough
/// transform over (speed, offset) (Duda and Hart, "Use of the Hough transformation to detect
/// lines and curves in pictures", CACM 15(1), 1972), as used for temporal alignment of video
/// copies by Douze, Jégou and Schmid, "An image-based approach to video copy detection with
/// spatio-temporal post-filtering", IEEE TMM 12(4), 2010. A query frame counts once per cell, so
/// a still shot that matches many reference frames does not pile up votes. The best line is
/// refined by least squares, cut into segments at gaps, removed, and the search repeats, which
/// yields several segments (a compilation, or the same episode used twice). Every vote places
/// the line and its segments; only some count as evidence (<see cref="AlignmentSettings.DistinctRadius"/>,
/// <see cref="Vote.Salient"/>).
/// </summary>
internal static class HoughAligner
{
    public const double MinSpeed = 0.78;
    public const double MaxSpeed = 1.62;
    private const double SpeedStep = 0.02;
    private const double BinSeconds = 0.5;
    private const int MaxLines = 6;

    /// <param name="votes">Votes ordered by query frame.</param>
    /// <param name="settings">Tolerances of the modality.</param>
    /// <param name="verify">
    /// Given a line's speed, offset and inliers, returns the inliers with the frames a direct
    /// comparison along the line confirms (<see cref="AudioLineVerifier"/>); null to keep the votes.
    /// </param>
    public static List<AlignedLine> Align(List<Vote> votes, AlignmentSettings settings, Func<double, double, List<Vote>, List<Vote>>? verify = null)
    {
        var lines = new List<AlignedLine>();
        var remaining = votes;
        while (lines.Count < MaxLines && remaining.Count >= settings.MinPeak)
        {
            if (!TryPeak(remaining, out var speed, out var offset, out var peak) || peak < settings.MinPeak)
            {
                break;
            }

            var inliers = Inliers(remaining, speed, offset, settings.Tolerance * 1.5);
            (speed, offset) = Refine(inliers, speed, offset);
            inliers = Inliers(remaining, speed, offset, settings.Tolerance);
            if (verify is not null)
            {
                inliers = verify(speed, offset, inliers);
            }

            var (segments, evidence) = Segment(inliers, speed, offset, settings);
            // A line pinned to the edge of the grid is a smear (a held shot against a similar
            // one), not a copy: real speeds lie inside 0.8–1.6 and refine to there.
            var pinned = speed <= MinSpeed + 0.005 || speed >= MaxSpeed - 0.005;
            if (segments.Count > 0 && !pinned)
            {
                lines.Add(new AlignedLine(speed, offset, segments, evidence));
            }

            var s = speed;
            var o = offset;
            var tolerance = settings.Tolerance * 1.5;
            var left = remaining.FindAll(v => Math.Abs(v.ReferenceTime - ((s * v.QueryTime) + o)) > tolerance);
            if (left.Count == remaining.Count)
            {
                break;
            }

            remaining = left;
        }

        return lines;
    }

    private static bool TryPeak(List<Vote> votes, out double speed, out double offset, out double peak)
    {
        var speeds = (int)Math.Round((MaxSpeed - MinSpeed) / SpeedStep) + 1;
        var minOffset = double.MaxValue;
        var maxOffset = double.MinValue;
        foreach (var v in votes)
        {
            minOffset = Math.Min(minOffset, v.ReferenceTime - (MaxSpeed * v.QueryTime));
            maxOffset = Math.Max(maxOffset, v.ReferenceTime - (MinSpeed * v.QueryTime));
        }

        var bins = (int)((maxOffset - minOffset) / BinSeconds) + 2;
        var accumulator = new float[speeds * bins];
        var lastFrame = new int[speeds * bins];
        Array.Fill(lastFrame, -1);
        foreach (var v in votes)
        {
            for (var i = 0; i < speeds; i++)
            {
                var s = MinSpeed + (i * SpeedStep);
                var bin = (int)((v.ReferenceTime - (s * v.QueryTime) - minOffset) / BinSeconds);
                var cell = (i * bins) + bin;
                if (lastFrame[cell] != v.QueryFrame)
                {
                    lastFrame[cell] = v.QueryFrame;
                    accumulator[cell] += v.Weight;
                }
            }
        }

        // A line near a bin edge splits its votes: score adjacent pairs of bins.
        var best = -1f;
        var bestCell = 0;
        for (var i = 0; i < speeds; i++)
        {
            for (var b = 0; b + 1 < bins; b++)
            {
                var cell = (i * bins) + b;
                var value = accumulator[cell] + accumulator[cell + 1];
                if (value > best)
                {
                    best = value;
                    bestCell = cell;
                }
            }
        }

        speed = MinSpeed + (bestCell / bins * SpeedStep);
        offset = minOffset + (((bestCell % bins) + 1) * BinSeconds);
        peak = best;
        return best > 0;
    }

    /// <summary>The closest vote of each query frame, if within tolerance of the line.</summary>
    private static List<Vote> Inliers(List<Vote> votes, double speed, double offset, double tolerance)
    {
        var result = new List<Vote>();
        var i = 0;
        while (i < votes.Count)
        {
            var frame = votes[i].QueryFrame;
            Vote? best = null;
            var bestResidual = tolerance;
            for (; i < votes.Count && votes[i].QueryFrame == frame; i++)
            {
                var residual = Math.Abs(votes[i].ReferenceTime - ((speed * votes[i].QueryTime) + offset));
                if (residual <= bestResidual)
                {
                    bestResidual = residual;
                    best = votes[i];
                }
            }

            if (best is { } b)
            {
                result.Add(b);
            }
        }

        return result;
    }

    /// <summary>Weighted least squares of reference time on query time; speed clamped to the grid's range.</summary>
    private static (double Speed, double Offset) Refine(List<Vote> inliers, double speed, double offset)
    {
        if (inliers.Count < 4 || inliers[^1].QueryTime - inliers[0].QueryTime < 3)
        {
            return (speed, offset);
        }

        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var v in inliers)
        {
            sw += v.Weight;
            sx += v.Weight * v.QueryTime;
            sy += v.Weight * v.ReferenceTime;
            sxx += v.Weight * v.QueryTime * v.QueryTime;
            sxy += v.Weight * v.QueryTime * v.ReferenceTime;
        }

        var denominator = (sw * sxx) - (sx * sx);
        if (Math.Abs(denominator) < 1e-9)
        {
            return (speed, offset);
        }

        var s = Math.Clamp(((sw * sxy) - (sx * sy)) / denominator, MinSpeed, MaxSpeed);
        return (s, (sy - (s * sx)) / sw);
    }

    private static (List<MatchedSegment> Segments, double Evidence) Segment(
        List<Vote> inliers, double speed, double offset, AlignmentSettings settings)
    {
        var segments = new List<MatchedSegment>();
        var supporting = new List<Vote>();
        var start = 0;
        for (var i = 1; i <= inliers.Count; i++)
        {
            if (i < inliers.Count && inliers[i].QueryTime - inliers[i - 1].QueryTime <= settings.MaxGap)
            {
                continue;
            }

            var run = TrimStragglers(inliers.GetRange(start, i - start));
            start = i;
            if (run.Count < settings.MinSegmentFrames)
            {
                continue;
            }

            var q0 = run[0].QueryTime - (settings.FrameSeconds / 2);
            var q1 = run[^1].QueryTime + (settings.FrameSeconds / 2);
            q0 = Math.Max(0, q0);
            segments.Add(new MatchedSegment(q0, q1, (speed * q0) + offset, (speed * q1) + offset));
            supporting.AddRange(run);
        }

        var evidence = settings.DistinctRadius is { } radius ? DistinctEvidence(supporting, radius) : DiscountedEvidence(supporting);
        return (segments, evidence);
    }

    /// <summary>
    /// Drops sparse supporting frames at either end of a run (chance matches up to
    /// <see cref="AlignmentSettings.MaxGap"/> away from the copy would stretch its boundary): a
    /// copy supports most frames, so an end frame needs two more supporting frames within a second.
    /// </summary>
    private static List<Vote> TrimStragglers(List<Vote> run)
    {
        var first = 0;
        var last = run.Count - 1;
        while (last - first >= 2 && run[first + 2].QueryTime - run[first].QueryTime > 1.0)
        {
            first++;
        }

        while (last - first >= 2 && run[last].QueryTime - run[last - 2].QueryTime > 1.0)
        {
            last--;
        }

        return run.GetRange(first, last - first + 1);
    }

    /// <summary>
    /// Supporting frames, each weighted by its similarity, and discounted to 0.3 when its reference
    /// descriptor key repeats one of the last eight: a held sound is one piece of evidence, not
    /// forty. Salient (foreground) frames count in full; background frames corroborate them, up to
    /// as much again: a bed heard at the same alignment as the voice confirms the voice, but alone
    /// it identifies only the music the episodes of a series share (<see cref="Audio.AudioSalience"/>).
    /// </summary>
    private static double DiscountedEvidence(List<Vote> supporting)
    {
        var recent = new Queue<int>();
        var salient = 0.0;
        var background = 0.0;
        foreach (var v in supporting)
        {
            var evidence = v.Weight * (recent.Contains(v.ReferenceKey) ? 0.3 : 1.0);
            if (v.Salient)
            {
                salient += evidence;
            }
            else
            {
                background += evidence;
            }

            recent.Enqueue(v.ReferenceKey);
            if (recent.Count > 8)
            {
                recent.Dequeue();
            }
        }

        return salient + Math.Min(background, salient);
    }

    /// <summary>
    /// The number of distinct pictures the line passes through, each weighted by its best
    /// similarity: a vote opens a new picture only if its query descriptor and its reference
    /// descriptor are both more than <paramref name="radius"/> bits from every picture already
    /// counted on the line; a vote within the radius of a counted picture on both sides is that
    /// picture again and can only raise its weight. Frames closer than the verification radius
    /// are the same picture to the matcher, so a held or slowly moving shot — a static camera on
    /// a set that other episodes share, which matches them at any offset and speed — is one piece
    /// of evidence however long it lasts, and a copy's evidence grows with the cuts and movements
    /// it reproduces in order. Both sides must change: a still query against a changing reference
    /// (or the reverse) confirms no alignment, and the reference side alone could count one
    /// picture once per indexed crop. A picture weighs what its best frame does, not its first:
    /// the first frame of an excerpt is often a transition (a cross-fade, a fade from black) that
    /// resembles the picture only in part. This is the temporal-consistency argument of Douze,
    /// Jégou and Schmid (IEEE TMM 2010) made explicit: only changes can confirm an alignment.
    /// </summary>
    private static double DistinctEvidence(List<Vote> supporting, int radius)
    {
        var queries = new List<ulong>();
        var references = new List<ulong>();
        var weights = new List<float>();
        foreach (var v in supporting)
        {
            if (!v.Salient)
            {
                continue;
            }

            var nearQuery = Nearest(queries, v.QueryBits, radius);
            var nearReference = Nearest(references, v.ReferenceBits, radius);
            if (nearQuery < 0 && nearReference < 0)
            {
                queries.Add(v.QueryBits);
                references.Add(v.ReferenceBits);
                weights.Add(v.Weight);
            }
            else if (nearQuery >= 0 && nearQuery == nearReference)
            {
                weights[nearQuery] = Math.Max(weights[nearQuery], v.Weight);
            }
        }

        return weights.Sum();
    }

    /// <summary>The first counted descriptor within <paramref name="radius"/> bits, or −1.</summary>
    private static int Nearest(List<ulong> counted, ulong bits, int radius)
    {
        for (var i = 0; i < counted.Count; i++)
        {
            if (System.Numerics.BitOperations.PopCount(counted[i] ^ bits) <= radius)
            {
                return i;
            }
        }

        return -1;
    }
}
