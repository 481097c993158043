namespace ReelRights.Media.Audio;

/// <summary>A run of decoded mono samples.</summary>
/// <param name="StartSeconds">Time of the first sample: the requested start plus samples before this chunk ÷ sample rate.</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Samples">
/// 32-bit float samples in [-1, 1] (channels down-mixed by ffmpeg). A fresh array per chunk,
/// owned by the caller.
/// </param>
public sealed record PcmChunk(double StartSeconds, int SampleRate, float[] Samples);
