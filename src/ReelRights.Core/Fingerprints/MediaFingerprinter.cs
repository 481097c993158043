using ReelRights.Fingerprinting;
using ReelRights.Media;
using ReelRights.Media.Audio;
using ReelRights.Media.Frames;

namespace ReelRights.Core.Fingerprints;

/// <summary>
/// Wires ReelRights.Media's decoders to the pure engine: probes the file, then decodes gray frames
/// at the analysis size and rate (ffmpeg scales inside the decode, the cheap place to do it) and
/// 8 kHz mono PCM in the same ffmpeg run, feeding both into one <see cref="FingerprintExtractor"/>.
/// </summary>
public sealed class MediaFingerprinter(FfmpegMedia media)
{
    /// <param name="path">Media file.</param>
    /// <param name="cancellationToken">Stops the decode.</param>
    /// <param name="progress">Told the media time reached (seconds of video, or audio when there is no video).</param>
    public async Task<Fingerprint> FingerprintAsync(string path, CancellationToken cancellationToken, Func<double, Task>? progress = null)
    {
        var info = await media.ProbeAsync(path, cancellationToken);
        var extractor = new FingerprintExtractor();
        var audioRequest = new PcmRequest(AnalysisFormat.AudioSampleRate) { ChunkSamples = 16384 };
        if (info.PrimaryVideo is { } video)
        {
            var (width, height) = AnalysisFormat.AnalysisSize(video.DisplayWidth, video.DisplayHeight);
            // Stretch: the size already has the picture's aspect ratio, so nothing is distorted
            // and no padding bars are added for the region detector to find.
            // Fast decode (no deblocking, no non-reference frames) when the source has at least
            // twice the analysis rate, so every analysis frame still has a decoded frame near it.
            var fast = video.FrameRate is { IsValid: true } rate && rate.Numerator >= 2L * AnalysisFormat.VideoFrameRate * rate.Denominator;
            var request = new GrayFrameRequest(width, height, new Rational(AnalysisFormat.VideoFrameRate, 1)) { Fit = FrameFit.Stretch, FastDecode = fast };
            long frames = 0;
            async ValueTask AddFrame(GrayFrame frame)
            {
                extractor.AddVideoFrame(frame.Pixels, frame.Width, frame.Height);
                if (progress is not null && ++frames % AnalysisFormat.VideoFrameRate == 0)
                {
                    await progress((double)frames / AnalysisFormat.VideoFrameRate);
                }
            }

            if (info.PrimaryAudio is not null)
            {
                // Both streams in one ffmpeg run: one start-up and one demux instead of two.
                await media.ReadGrayFramesAndPcmAsync(path, info, request, audioRequest, AddFrame, chunk => extractor.AddAudio(chunk.Samples), cancellationToken);
            }
            else
            {
                await foreach (var frame in media.ReadGrayFramesAsync(path, info, request, cancellationToken))
                {
                    await AddFrame(frame);
                }
            }
        }
        else if (info.PrimaryAudio is not null)
        {
            await foreach (var chunk in media.ReadPcmAsync(path, info, audioRequest, cancellationToken))
            {
                extractor.AddAudio(chunk.Samples);
            }
        }

        return extractor.Complete();
    }
}
