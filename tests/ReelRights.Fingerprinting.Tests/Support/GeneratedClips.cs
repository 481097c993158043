using ReelRights.Media;
using ReelRights.Media.Audio;
using ReelRights.Media.Frames;

[assembly: AssemblyFixture(typeof(ReelRights.Fingerprinting.Tests.Support.GeneratedClips))]

namespace ReelRights.Fingerprinting.Tests.Support;

/// <summary>
/// Small vertical clips made once per run with ffmpeg's lavfi sources in a temp folder: a
/// 24-second "episode" of three shots with a melody, pirated copies of it, and an unrelated clip.
/// Fingerprints are computed once and shared.
/// </summary>
public sealed class GeneratedClips : IAsyncLifetime
{
    private const string Encode = "-c:v libx264 -preset ultrafast -crf 26 -pix_fmt yuv420p -c:a aac";

    public string Folder { get; } = Directory.CreateTempSubdirectory("reelrights-fp-").FullName;

    public string Reference => Path.Combine(Folder, "reference.mp4");

    /// <summary>Mirrored, cropped to 85 %, sped up 1.25× (atempo), letterboxed.</summary>
    public string Combined => Path.Combine(Folder, "combined.mp4");

    /// <summary>Seconds 6–18 of the reference, mirrored, with the sound replaced by noise.</summary>
    public string AudioReplaced => Path.Combine(Folder, "audio-replaced.mp4");

    public string Unrelated => Path.Combine(Folder, "unrelated.mp4");

    /// <summary>The reference shrunk to 45 % over other moving footage with cuts of its own; its sound replaced by noise.</summary>
    public string PictureInPicture => Path.Combine(Folder, "pip.mp4");

    public Fingerprint ReferenceFingerprint { get; private set; } = null!;

    public Fingerprint CombinedFingerprint { get; private set; } = null!;

    public Fingerprint AudioReplacedFingerprint { get; private set; } = null!;

    public Fingerprint UnrelatedFingerprint { get; private set; } = null!;

    public Fingerprint PictureInPictureFingerprint { get; private set; } = null!;

    /// <summary>Three 8-second shots (a fractal zoom, a test card changing hue, a rotating pattern) and a melody whose note changes every quarter second.</summary>
    public static string[] EpisodeArguments(string output, int seed) =>
    [
        "-f", "lavfi", "-i", $"mandelbrot=s=180x320:r=25:start_scale={1 + (seed * 0.5)},trim=duration=8",
        "-f", "lavfi", "-i", "testsrc2=s=180x320:r=25:d=8,hue=H=t",
        "-f", "lavfi", "-i", $"testsrc=s=180x320:r=25:d=8,hue=H=2*t+{seed},rotate=0.3*t",
        "-f", "lavfi", "-i", $"aevalsrc='0.3*sin(2*PI*t*(500+300*sin({13 + seed}*floor(4*t))))':s=16000:d=24",
        "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,drawtext=text='%{pts}':fontsize=20:fontcolor=white:x=10+20*sin(t):y=280[v]",
        "-map", "[v]", "-map", "3:a", .. Encode.Split(' '), output,
    ];

    public async ValueTask InitializeAsync()
    {
        await FfmpegCli.RunAsync(EpisodeArguments(Reference, 0));
        await FfmpegCli.RunAsync([
            "-i", Reference, "-filter_complex",
            "[0:v]hflip,setpts=PTS/1.25,crop=iw*0.85:ih*0.85,scale=150:-2,pad=180:320:(ow-iw)/2:(oh-ih)/2:black[v];[0:a]atempo=1.25[a]",
            "-map", "[v]", "-map", "[a]", .. Encode.Split(' '), Combined]);
        await FfmpegCli.RunAsync([
            "-ss", "6", "-t", "12", "-i", Reference, "-f", "lavfi", "-i", "anoisesrc=d=12:c=pink:a=0.2:r=16000",
            "-filter_complex", "[0:v]hflip[v]", "-map", "[v]", "-map", "1:a", .. Encode.Split(' '), AudioReplaced]);
        await FfmpegCli.RunAsync([
            "-f", "lavfi", "-i", "cellauto=s=180x320:r=25:rule=30,trim=duration=20",
            "-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*t*(400+250*sin(7*floor(3*t))))':s=16000:d=20",
            .. Encode.Split(' '), Unrelated]);
        // Fixed seeds, so the backdrop and the noise are the same in every run.
        await FfmpegCli.RunAsync([
            "-i", Reference,
            "-f", "lavfi", "-i", "gradients=s=180x320:r=25:speed=0.05:seed=3,trim=duration=5",
            "-f", "lavfi", "-i", "cellauto=s=180x320:r=25:rule=110:random_seed=4,trim=duration=6",
            "-f", "lavfi", "-i", "gradients=s=180x320:r=25:speed=0.08:seed=9:type=radial,trim=duration=13",
            "-f", "lavfi", "-i", "anoisesrc=d=24:c=pink:a=0.2:r=16000:seed=5",
            "-filter_complex",
            "[1:v][2:v][3:v]concat=n=3:v=1:a=0,format=yuv420p[bg];[0:v]scale=82:146[fg];[bg][fg]overlay=W-w-14:H*0.18[v]",
            "-map", "[v]", "-map", "4:a", .. Encode.Split(' '), PictureInPicture]);
        ReferenceFingerprint = await FingerprintAsync(Reference);
        CombinedFingerprint = await FingerprintAsync(Combined);
        AudioReplacedFingerprint = await FingerprintAsync(AudioReplaced);
        UnrelatedFingerprint = await FingerprintAsync(Unrelated);
        PictureInPictureFingerprint = await FingerprintAsync(PictureInPicture);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Decodes as the CLI does: gray frames at the analysis size and rate, and 8 kHz PCM.</summary>
    public static async Task<Fingerprint> FingerprintAsync(string path)
    {
        var media = new FfmpegMedia();
        var video = (await media.ProbeAsync(path)).PrimaryVideo!;
        var (width, height) = AnalysisFormat.AnalysisSize(video.DisplayWidth, video.DisplayHeight);
        var extractor = new FingerprintExtractor();
        var request = new GrayFrameRequest(width, height, new Rational(AnalysisFormat.VideoFrameRate, 1)) { Fit = FrameFit.Stretch };
        await foreach (var frame in media.ReadGrayFramesAsync(path, request))
        {
            extractor.AddVideoFrame(frame.Pixels, frame.Width, frame.Height);
        }

        await foreach (var chunk in media.ReadPcmAsync(path, new PcmRequest(AnalysisFormat.AudioSampleRate)))
        {
            extractor.AddAudio(chunk.Samples);
        }

        return extractor.Complete();
    }
}
