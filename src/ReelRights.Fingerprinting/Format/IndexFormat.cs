using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ReelRights.Fingerprinting.Indexing;
using ReelRights.Fingerprinting.Matching;

namespace ReelRights.Fingerprinting.Format;

/// <summary>
/// The .rrix index file, version 4 (little-endian): "RRIX" · version 0x04 · reference table
/// (count; per reference: id as int32 length + UTF-8, video first id, video frames, audio first
/// id, audio frames, duration) · common spans (count; reference number, modality byte, start,
/// end) · video then audio posting table (key count, posting count, keys, offsets, ids, bits as
/// raw little-endian arrays) · masked foreground audio (count, then global frame ids and 32-bit
/// descriptors as raw arrays; <see cref="MaskedAudio"/>) · SHA-256 trailer. An audio posting's
/// bits hold the 32-bit descriptor and, in bit 32, the foreground flag of the reference frame
/// (<see cref="Audio.AudioHash.ForegroundFlag"/>).
/// <para>
/// Version 1 had the same layout without the flag; version 2 keyed audio postings by 22 bits
/// instead of <see cref="Audio.AudioHash.KeyBits"/>; version 3 had no masked audio. Each would be
/// read wrongly or lack what matching uses, so they are refused like any other version (rebuild the index from the references' .rrfp files, which
/// have not changed; the CLI's index folder does that by itself).
/// </para>
/// </summary>
internal static class IndexFormat
{
    public const byte Version = 4;

    /// <summary>
    /// Each posting array must fit a .NET array (2³¹ − 1 elements, about ten thousand indexed
    /// hours); the file as a whole has no limit of its own.
    /// </summary>
    public static ReadOnlySpan<byte> Magic => "RRIX"u8;

    /// <summary>Writes straight to the stream, hashing as it goes: nothing is held twice in memory.</summary>
    public static void Write(ReferenceIndex index, Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var hashed = new HashingStream(stream, hash))
        using (var buffered = new BufferedStream(hashed, 1 << 20))
        using (var w = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true))
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
            w.Write(index.MaskedAudio.Count);
            w.Write(MemoryMarshal.AsBytes(index.MaskedAudio.Ids.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(index.MaskedAudio.Bits.AsSpan()));
            w.Flush();
        }

        stream.Write(hash.GetHashAndReset());
    }

    /// <summary>
    /// Reads an index. The whole file is checked first (magic, version, SHA-256 trailer, hashed
    /// in one streaming pass), so a corrupted file fails on its checksum, not half-way; then the
    /// fields are parsed in a second pass straight into their arrays. A stream that cannot seek
    /// is first copied to memory.
    /// </summary>
    public static ReferenceIndex Read(Stream stream)
    {
        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            return Read(copy);
        }

        var start = stream.Position;
        var length = stream.Length - start;
        var header = new byte[Magic.Length + 1];
        var got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < Magic.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw FormatErrors.NotFingerprint("RRIX");
        }

        if (got < header.Length)
        {
            throw FormatErrors.Truncated();
        }

        if (header[Magic.Length] != Version)
        {
            throw FormatErrors.Version(header[Magic.Length], Version);
        }

        if (length < header.Length + ChecksummedStream.HashSize)
        {
            throw FormatErrors.Truncated();
        }

        var contentLength = length - ChecksummedStream.HashSize;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            hash.AppendData(header);
            var buffer = new byte[1 << 20];
            for (var left = contentLength - header.Length; left > 0;)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                {
                    throw FormatErrors.Truncated();
                }

                hash.AppendData(buffer, 0, read);
                left -= read;
            }

            var trailer = new byte[ChecksummedStream.HashSize];
            stream.ReadExactly(trailer);
            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(trailer))
            {
                throw FormatErrors.Checksum();
            }
        }

        stream.Position = start + header.Length;
        var r = new FieldReader(new BufferedStream(stream, 1 << 20), contentLength - header.Length);
        var count = r.Count(int.MaxValue, 8);
        var references = new List<IndexedReference>(count);
        for (var i = 0; i < count; i++)
        {
            var length8 = r.Count(1024, 1);
            var id = Encoding.UTF8.GetString(r.Bytes(length8));
            references.Add(new IndexedReference(id, (uint)r.Int32(), r.Count(int.MaxValue, 0), (uint)r.Int32(), r.Count(int.MaxValue, 0), r.Double()));
        }

        var commonCount = r.Count(int.MaxValue, 16);
        var common = new List<CommonSpan>(commonCount);
        for (var i = 0; i < commonCount; i++)
        {
            var number = r.Count(count - 1, 0);
            var modality = r.Byte();
            if (modality > (byte)MatchModality.Both)
            {
                throw FormatErrors.Invalid("modality");
            }

            common.Add(new CommonSpan(references[number].Id, (MatchModality)modality, r.Double(), r.Double()));
        }

        var video = ReadTable(r);
        var audio = ReadTable(r);
        var masked = ReadMaskedAudio(r, references.Count == 0 ? 0 : references[^1].AudioFirst + (long)references[^1].AudioFrames);
        return r.Remaining != 0 ? throw FormatErrors.Invalid("trailing bytes") : new ReferenceIndex(references, video, audio, common, masked);
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

    private static MaskedAudio ReadMaskedAudio(FieldReader r, long audioFrames)
    {
        var count = r.Count(Array.MaxLength, 8);
        var ids = new uint[count];
        var bits = new uint[count];
        r.Fill(MemoryMarshal.AsBytes(ids.AsSpan()));
        r.Fill(MemoryMarshal.AsBytes(bits.AsSpan()));
        for (var i = 0; i < count; i++)
        {
            if (ids[i] >= audioFrames || (i > 0 && ids[i] <= ids[i - 1]))
            {
                throw FormatErrors.Invalid("masked audio frames");
            }
        }

        return new MaskedAudio(ids, bits);
    }

    private static PostingTable ReadTable(FieldReader r)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The index reader needs a little-endian machine.");
        }

        var keyCount = r.Count(Array.MaxLength - 1, 8);
        var postings = r.Count(Array.MaxLength, 12);
        var keys = new int[keyCount];
        var offsets = new int[keyCount + 1];
        var ids = new uint[postings];
        var bits = new ulong[postings];
        r.Fill(MemoryMarshal.AsBytes(keys.AsSpan()));
        r.Fill(MemoryMarshal.AsBytes(offsets.AsSpan()));
        r.Fill(MemoryMarshal.AsBytes(ids.AsSpan()));
        r.Fill(MemoryMarshal.AsBytes(bits.AsSpan()));
        for (var i = 0; i < keyCount; i++)
        {
            if (offsets[i] < 0 || offsets[i] > offsets[i + 1] || (i > 0 && keys[i] <= keys[i - 1]))
            {
                throw FormatErrors.Invalid("posting table order");
            }
        }

        if (offsets[0] != 0 || offsets[keyCount] != postings || (keyCount > 0 && keys[0] < 0))
        {
            throw FormatErrors.Invalid("posting table offsets");
        }

        return new PostingTable(keys, offsets, ids, bits);
    }

    /// <summary>
    /// Little-endian fields from a stream of known remaining length; a count is checked against
    /// the bytes left before anything is allocated for it, so a malformed file (with a valid
    /// checksum) cannot ask for more memory than its own size.
    /// </summary>
    private sealed class FieldReader(Stream stream, long length)
    {
        private readonly byte[] scratch = new byte[8];

        public long Remaining { get; private set; } = length;

        public byte Byte() => Take(1)[0];

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        /// <summary>A count in [0, max] whose items (bytesEach each) fit in what is left.</summary>
        public int Count(int max, int bytesEach)
        {
            var value = Int32();
            return value < 0 || value > max || (long)value * bytesEach > Remaining
                ? throw FormatErrors.Invalid($"count {value} out of range")
                : value;
        }

        public byte[] Bytes(int count)
        {
            var bytes = new byte[count];
            Fill(bytes);
            return bytes;
        }

        public void Fill(Span<byte> target)
        {
            if (target.Length > Remaining)
            {
                throw FormatErrors.Truncated();
            }

            stream.ReadExactly(target);
            Remaining -= target.Length;
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            Fill(scratch.AsSpan(0, count));
            return scratch.AsSpan(0, count);
        }
    }

    /// <summary>Passes writes through to a stream and into a hash.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
