using ReelRights.Fingerprinting.Audio;

namespace ReelRights.Fingerprinting.Tests.Audio;

public sealed class AudioSalienceTests
{
    private const int Rate = AnalysisFormat.AudioSampleRate;

    private static bool[] Foreground(Func<double, double> signal, int seconds)
    {
        var builder = new AudioTrackBuilder();
        builder.Add(Enumerable.Range(0, seconds * Rate).Select(i => (float)signal((double)i / Rate)).ToArray());
        return AudioSalience.Foreground(builder.Build());
    }

    private static double Share(bool[] flags, double from, double to)
    {
        var frames = Enumerable.Range(0, flags.Length).Where(f => AudioTrack.TimeOf(f) >= from && AudioTrack.TimeOf(f) < to).ToList();
        return frames.Count(f => flags[f]) / (double)frames.Count;
    }

    private static double Bed(double t) => 0.03 * Math.Sin(2 * Math.PI * (400 + (100 * Math.Floor(t * 2 % 5))) * t);

    [Fact]
    public void Foreground_BedHeardAloneBetweenLines_IsBackground()
    {
        // A line of dialogue (0.3) in the first two seconds of every seven, a bed 20 dB down throughout.
        var flags = Foreground(t => Bed(t) + (t % 7 is >= 1 and < 3 ? 0.3 * Math.Sin(2 * Math.PI * 900 * t) : 0), 28);

        Share(flags, 8.2, 9.8).ShouldBe(1.0);
        Share(flags, 11, 14).ShouldBe(0.0);
    }

    [Fact]
    public void Foreground_MusicWithoutDialogue_IsItsOwnForeground()
    {
        var flags = Foreground(Bed, 20);

        Share(flags, 1, 19).ShouldBeGreaterThan(0.95);
    }
}
