namespace ReelRights.Media.Audio;

/// <summary>What mono PCM to decode.</summary>
/// <param name="SampleRate">Output samples per second, e.g. 16000; ffmpeg resamples to it.</param>
public sealed record PcmRequest(int SampleRate)
{
    /// <summary>Samples per yielded chunk (the last one may be shorter). Default 8192.</summary>
    public int ChunkSamples { get; init; } = 8192;

    /// <summary>Where to start, in seconds from the start of the file; null for the beginning.</summary>
    public double? StartSeconds { get; init; }

    /// <summary>How many seconds to decode; null for everything after the start.</summary>
    public double? DurationSeconds { get; init; }

    internal void Validate()
    {
        // 8 kHz … 384 kHz covers every rate ffmpeg's resampler is used with in practice.
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleRate, 1000, nameof(SampleRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SampleRate, 384_000, nameof(SampleRate));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ChunkSamples, 0, nameof(ChunkSamples));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ChunkSamples, 1 << 24, nameof(ChunkSamples));
        TimeRange.Validate(StartSeconds, DurationSeconds);
    }
}
