using System.Runtime.InteropServices;
using System.Text;
using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Fingerprinting.Format;

/// <summary>
/// The .rrix index file, version 2 (little-endian): "RRIX" · version 0x02 · reference table
/// (count; per reference: id as int32 length + UTF-8, video first id, video frames, audio first
/// id, audio frames, duration) · common spans (count; reference number, modality byte, start,
/// end) · video then audio posting table (key count, posting count, keys, offsets, ids, bits as
/// raw little-endian arrays) · SHA-256 trailer. An audio posting's bits hold the 32-bit
/// descriptor and, in bit 32, the foreground flag of the reference frame
/// (<see cref="Audio.AudioHash.ForegroundFlag"/>).
/// <para>
/// Version 1 had the same layout without the flag; read as version 2 it would make every audio
/// frame background, so it is refused like any other version (rebuild the index from the
/// references' .rrfp files, which have not changed).
/// </para>
/// </summary>
internal static class IndexFormat
{
    public const byte Version = 2;

    /// <summary>The reader holds the file in one array; larger indexes need a memory-mapped reader (not built yet).</summary>
    public const long MaxBytes = int.MaxValue - 64;

    public static ReadOnlySpan<byte> Magic => "RRIX"u8;

    public static void Write(ReferenceIndex index, Stream stream)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(index.References.Count);
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in index.References)
            {
                numbers[r.Id] = numbers.Count;
                var id = Encoding.UTF8.GetBytes(r.Id);
                w.Write(id.Length);
                w.Write(id);
                w.Write(r.VideoFirst);
                w.Write(r.VideoFrames);
                w.Write(r.AudioFirst);
                w.Write(r.AudioFrames);
                w.Write(r.DurationSeconds);
            }

            w.Write(index.CommonContent.Count);
            foreach (var c in index.CommonContent)
            {
                w.Write(numbers[c.ReferenceId]);
                w.Write((byte)c.Modality);
                w.Write(c.StartSeconds);
                w.Write(c.EndSeconds);
            }

            WriteTable(w, index.Video);
            WriteTable(w, index.Audio);
        }

        ChecksummedStream.Write(stream, body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    public static ReferenceIndex Read(Stream stream)
    {
        var body = ChecksummedStream.Read(stream, Magic, Version, MaxBytes);
        var r = new SpanReader(body);
        var count = r.Count(body.Length / 8);
        var references = new List<IndexedReference>(count);
        for (var i = 0; i < count; i++)
        {
            var length = r.Count(1024);
            var id = Encoding.UTF8.GetString(r.Bytes(length));
            references.Add(new IndexedReference(id, (uint)r.Int32(), r.Count(int.MaxValue), (uint)r.Int32(), r.Count(int.MaxValue), r.Double()));
        }

        var commonCount = r.Count(body.Length / 16);
        var common = new List<CommonSpan>(commonCount);
        for (var i = 0; i < commonCount; i++)
        {
            var number = r.Count(count - 1);
            var modality = r.Byte();
            if (modality > (byte)MatchModality.Both)
            {
                throw FormatErrors.Invalid("modality");
            }

            common.Add(new CommonSpan(references[number].Id, (MatchModality)modality, r.Double(), r.Double()));
        }

        var video = ReadTable(ref r);
        var audio = ReadTable(ref r);
        return r.Remaining != 0 ? throw FormatErrors.Invalid("trailing bytes") : new ReferenceIndex(references, video, audio, common);
    }

    private static void WriteTable(BinaryWriter w, PostingTable table)
    {
        w.Write(table.Keys.Length);
        w.Write(table.Count);
        w.Write(MemoryMarshal.AsBytes(table.Keys.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(table.Offsets.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(table.Ids.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(table.Bits.AsSpan()));
    }

    private static PostingTable ReadTable(ref SpanReader r)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The index reader needs a little-endian machine.");
        }

        var keyCount = r.Count(r.Remaining / 8);
        var postings = r.Count(r.Remaining / 12);
        var keys = MemoryMarshal.Cast<byte, int>(r.Bytes(keyCount * 4)).ToArray();
        var offsets = MemoryMarshal.Cast<byte, int>(r.Bytes((keyCount + 1) * 4)).ToArray();
        var ids = MemoryMarshal.Cast<byte, uint>(r.Bytes(postings * 4)).ToArray();
        var bits = MemoryMarshal.Cast<byte, ulong>(r.Bytes(postings * 8)).ToArray();
        for (var i = 0; i < keyCount; i++)
        {
            if (offsets[i] < 0 || offsets[i] > offsets[i + 1] || (i > 0 && keys[i] <= keys[i - 1]))
            {
                throw FormatErrors.Invalid("posting table order");
            }
        }

        if (offsets[0] != 0 || offsets[keyCount] != postings)
        {
            throw FormatErrors.Invalid("posting table offsets");
        }

        return new PostingTable(keys, offsets, ids, bits);
    }
}
