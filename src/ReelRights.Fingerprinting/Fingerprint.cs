using ReelRights.Fingerprinting.Audio;
using ReelRights.Fingerprinting.Format;
using ReelRights.Fingerprinting.Video;

namespace ReelRights.Fingerprinting;

/// <summary>
/// Everything the engine keeps of one media file: video descriptors, audio band energies, or
/// both. It cannot be turned back into the picture or sound, so an owner can make it from a master
/// on their own machine and upload only this (the .rrfp file, <see cref="WriteTo"/>). Immutable.
/// </summary>
public sealed class Fingerprint
{
    internal Fingerprint(VideoTrack? video, AudioTrack? audio)
    {
        if (video is null && audio is null)
        {
            throw new ArgumentException("A fingerprint needs video, audio or both.");
        }

        Video = video;
        Audio = audio;
    }

    /// <summary>Video descriptors; null when the file had no video.</summary>
    public VideoTrack? Video { get; }

    /// <summary>Audio band energies; null when the file had no audio.</summary>
    public AudioTrack? Audio { get; }

    /// <summary>Longest of the tracks, in seconds.</summary>
    public double DurationSeconds => Math.Max(Video?.DurationSeconds ?? 0, Audio?.DurationSeconds ?? 0);

    /// <summary>
    /// The same fingerprint restricted to one modality, e.g. to match on the picture alone when
    /// the copy's sound is known to be replaced.
    /// </summary>
    /// <param name="keepVideo">Keep the video track.</param>
    /// <param name="keepAudio">Keep the audio track.</param>
    /// <returns>The restricted fingerprint.</returns>
    /// <exception cref="InvalidOperationException">Nothing would be left.</exception>
    public Fingerprint Restrict(bool keepVideo, bool keepAudio)
    {
        var video = keepVideo ? Video : null;
        var audio = keepAudio ? Audio : null;
        return video is null && audio is null
            ? throw new InvalidOperationException("指纹中没有所选的轨道。 / The fingerprint has none of the selected tracks.")
            : new Fingerprint(video, audio);
    }

    /// <summary>Writes the fingerprint in the versioned .rrfp format (see <c>DESIGN.md</c> beside the code).</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void WriteTo(Stream stream) => FingerprintFormat.Write(this, stream);

    /// <summary>Reads a .rrfp fingerprint, checking magic, version, bounds and the SHA-256 trailer.</summary>
    /// <param name="stream">A readable stream positioned at the start; read to the end of the fingerprint.</param>
    /// <returns>The fingerprint.</returns>
    /// <exception cref="FingerprintFormatException">Not a fingerprint, another version, truncated or corrupted.</exception>
    public static Fingerprint ReadFrom(Stream stream) => FingerprintFormat.Read(stream);
}
