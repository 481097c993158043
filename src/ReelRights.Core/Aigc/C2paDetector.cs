using System.Buffers.Binary;
using System.Text;

namespace ReelRights.Core.Aigc;

/// <summary>
/// Detects an embedded C2PA manifest store (C2PA Technical Specification 2.x, "Embedding
/// manifests"): in ISO BMFF (MP4/MOV) a top-level <c>uuid</c> box with the C2PA UUID
/// D8FEC3D6-1B0E-483C-9297-5828877EC481; in JPEG, APP11 segments carrying JUMBF. Only presence is
/// detected; validating the manifest's signatures is out of scope here.
/// </summary>
public static class C2paDetector
{
    private static readonly byte[] C2paUuid = Convert.FromHexString("D8FEC3D61B0E483C92975828877EC481");
    private static readonly byte[] JumbfLabel = Encoding.ASCII.GetBytes("c2pa");

    public static async Task<bool> HasManifestAsync(Stream file, CancellationToken cancellationToken)
    {
        var head = new byte[12];
        if (await ReadUpToAsync(file, head, cancellationToken) < 12)
        {
            return false;
        }
        file.Position = 0;
        if (head[0] == 0xFF && head[1] == 0xD8)
        {
            return await JpegHasC2paAsync(file, cancellationToken);
        }
        return Encoding.ASCII.GetString(head, 4, 4) is "ftyp" && await BmffHasC2paAsync(file, cancellationToken);
    }

    private static async Task<bool> BmffHasC2paAsync(Stream file, CancellationToken cancellationToken)
    {
        var header = new byte[32];
        long position = 0;
        for (var boxes = 0; boxes < 10_000 && position + 8 <= file.Length; boxes++)
        {
            file.Position = position;
            var read = await ReadUpToAsync(file, header, cancellationToken);
            if (read < 8)
            {
                return false;
            }
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header, 4, 4);
            var headerLength = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = file.Length - position;
            }
            if (size < headerLength)
            {
                return false;
            }
            if (type == "uuid" && read >= headerLength + 16 && header.AsSpan(headerLength, 16).SequenceEqual(C2paUuid))
            {
                return true;
            }
            position += size;
        }
        return false;
    }

    private static async Task<bool> JpegHasC2paAsync(Stream file, CancellationToken cancellationToken)
    {
        var marker = new byte[4];
        file.Position = 2;
        while (await ReadUpToAsync(file, marker, cancellationToken) == 4 && marker[0] == 0xFF)
        {
            var kind = marker[1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(marker.AsSpan(2));
            if (kind is 0xDA or 0xD9 || length < 2)
            {
                return false;
            }
            var body = new byte[length - 2];
            if (await ReadUpToAsync(file, body, cancellationToken) < body.Length)
            {
                return false;
            }
            if (kind == 0xEB && body.AsSpan().IndexOf(JumbfLabel) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Fills the buffer unless the file ends first; returns how many bytes were read.</summary>
    private static async Task<int> ReadUpToAsync(Stream file, byte[] buffer, CancellationToken cancellationToken) =>
        await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
}
