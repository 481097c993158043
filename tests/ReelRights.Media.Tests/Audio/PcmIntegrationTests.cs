using ReelRights.Media.Audio;
using ReelRights.Media.Tests.Support;

namespace ReelRights.Media.Tests.Audio;

/// <summary>ReadPcmAsync against real ffmpeg, checked with signal properties of a known sine.</summary>
public sealed class PcmIntegrationTests(GeneratedMedia media)
{
    private readonly FfmpegMedia ffmpeg = new();

    [Fact]
    public async Task ReadPcmAsync_OneKilohertzSine_HasExpectedRmsAndZeroCrossingRate()
    {
        // Arrange: lavfi sine has amplitude 1/8, so RMS is 0.125/√2; a 1 kHz tone crosses zero
        // 2000 times a second. Resampled from 48 kHz to 16 kHz.
        var request = new PcmRequest(16000) { ChunkSamples = 4096 };

        // Act
        var chunks = await ffmpeg.ReadPcmAsync(media.Sine, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        var samples = chunks.SelectMany(c => c.Samples).ToArray();
        samples.Length.ShouldBeInRange(15984, 16016);
        var rms = Math.Sqrt(samples.Average(s => (double)s * s));
        rms.ShouldBe(0.125 / Math.Sqrt(2), 0.004);
        var crossings = samples.Zip(samples.Skip(1)).Count(p => Math.Sign(p.First) != Math.Sign(p.Second) && p.First * p.Second <= 0);
        ((double)crossings / samples.Length * 16000).ShouldBe(2000, 40);
    }

    [Fact]
    public async Task ReadPcmAsync_ChunkSize_YieldsFullChunksWithRunningStartTimes()
    {
        // Arrange
        var request = new PcmRequest(8000) { ChunkSamples = 3000 };

        // Act
        var chunks = await ffmpeg.ReadPcmAsync(media.Sine, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        chunks.Count.ShouldBe(3);
        chunks[0].Samples.Length.ShouldBe(3000);
        chunks[1].StartSeconds.ShouldBe(0.375);
        chunks[2].Samples.Length.ShouldBeInRange(1992, 2008);
        chunks.ShouldAllBe(c => c.SampleRate == 8000);
    }

    [Fact]
    public async Task ReadPcmAsync_StartAndDuration_DecodesOnlyThatRange()
    {
        // Arrange
        var request = new PcmRequest(16000) { StartSeconds = 0.25, DurationSeconds = 0.5 };

        // Act
        var chunks = await ffmpeg.ReadPcmAsync(media.Sine, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        chunks.Sum(c => c.Samples.Length).ShouldBeInRange(7984, 8016);
        chunks[0].StartSeconds.ShouldBe(0.25);
    }

    [Fact]
    public async Task ReadPcmAsync_AudioOfAVideoFile_DecodesTheAacTrack()
    {
        // Arrange
        var request = new PcmRequest(16000);

        // Act
        var chunks = await ffmpeg.ReadPcmAsync(media.AudioVideo, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Assert
        chunks.Sum(c => c.Samples.Length).ShouldBeInRange(30900, 33100); // AAC priming/padding
    }

    [Fact]
    public async Task ReadPcmAsync_VideoWithoutAudio_ThrowsNoAudioStream()
    {
        // Arrange
        var request = new PcmRequest(16000);

        // Act
        var act = () => ffmpeg.ReadPcmAsync(media.Gray, request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken).AsTask();

        // Assert
        (await act.ShouldThrowAsync<MediaException>()).Code.ShouldBe(MediaErrorCodes.NoAudioStream);
    }
}
