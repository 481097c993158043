namespace ReelRights.Media;

/// <summary>
/// Where the tools are and how far one run may go. A plain record: hosts bind it from configuration
/// themselves (there is no DI inside this library). Every limit applies to each single ffmpeg or
/// ffprobe process, not to a whole operation.
/// </summary>
public sealed record MediaOptions
{
    /// <summary>
    /// Demuxers a file may be opened with, passed as ffmpeg's <c>-format_whitelist</c>. Playlist
    /// and indirection demuxers (hls, dash, concat, image2, tty) are deliberately absent: they
    /// open other files or URLs named inside the input, which would let an uploaded file read
    /// local files. Names are matched against ffmpeg's demuxer names ("mov" covers mp4/m4a/3gp).
    /// </summary>
    public static IReadOnlyList<string> DefaultDemuxers { get; } =
    [
        "mov", "matroska", "avi", "flv", "mpegts", "mpeg", "asf", "ogg",
        "wav", "w64", "mp3", "aac", "flac", "aiff", "caf",
    ];

    /// <summary>ffmpeg executable: a name looked up on PATH, or a full path. Default "ffmpeg".</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>ffprobe executable: a name looked up on PATH, or a full path. Default "ffprobe".</summary>
    public string FfprobePath { get; init; } = "ffprobe";

    /// <summary>Wall-clock limit of one ffprobe run. Default 30 s.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wall-clock limit of one decode run (frames, PCM or bare decode). It includes the time the
    /// consumer spends between frames, because a slow consumer keeps ffmpeg alive. Default 10 min.
    /// </summary>
    public TimeSpan DecodeTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Wall-clock limit of one thumbnail run. Default 30 s.</summary>
    public TimeSpan ThumbnailTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most bytes read from a run held in memory (probe JSON, a thumbnail). Default 16 MiB.</summary>
    public long MaxBufferedOutputBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Most bytes streamed from one frame or PCM run. Default 4 GiB.</summary>
    public long MaxStreamedOutputBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Largest declared picture (width × height) that will be decoded; larger files are refused
    /// from their probe, before any decode. Default 7680 × 4320 (8K UHD).
    /// </summary>
    public long MaxPixels { get; init; } = 7680L * 4320;

    /// <summary>
    /// Passed as ffmpeg/ffprobe <c>-max_alloc</c>: the largest single heap block the tools may
    /// allocate. It bounds one allocation, not total memory (use a cgroup or ulimit for that).
    /// Default 512 MiB; null leaves ffmpeg's default.
    /// </summary>
    public long? MaxAllocationBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// Decoder threads (ffmpeg <c>-threads</c> as an input option); 0 lets ffmpeg choose. The
    /// bare-decode baseline uses the same value so benchmarks compare like with like.
    /// </summary>
    public int DecoderThreads { get; init; }

    /// <summary>Demuxers allowed for input files; see <see cref="DefaultDemuxers"/>.</summary>
    public IReadOnlyList<string> AllowedDemuxers { get; init; } = DefaultDemuxers;

    /// <summary>Throws <see cref="ArgumentException"/> when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(FfmpegPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(FfprobePath);
        ValidateTimeout(ProbeTimeout, nameof(ProbeTimeout));
        ValidateTimeout(DecodeTimeout, nameof(DecodeTimeout));
        ValidateTimeout(ThumbnailTimeout, nameof(ThumbnailTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxBufferedOutputBytes, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBufferedOutputBytes, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxStreamedOutputBytes, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxPixels, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(DecoderThreads);
        if (MaxAllocationBytes is { } maxAlloc)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAlloc, 0, nameof(MaxAllocationBytes));
        }

        ArgumentNullException.ThrowIfNull(AllowedDemuxers);
        if (AllowedDemuxers.Count == 0 || AllowedDemuxers.Any(d => string.IsNullOrWhiteSpace(d) || d.Contains(',', StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                "AllowedDemuxers needs at least one demuxer name, each without commas.", nameof(AllowedDemuxers));
        }
    }

    private static void ValidateTimeout(TimeSpan timeout, string name)
    {
        // One day is far beyond any real run and well inside what CancelAfter accepts.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, TimeSpan.FromDays(1), name);
    }
}
