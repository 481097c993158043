using System.Buffers.Binary;
using System.IO.Compression;

namespace ReelRights.Core.Tests.Support;

/// <summary>
/// Reads the pixels of a PNG as Chromium and ffmpeg write them (8-bit RGB or RGBA, not interlaced),
/// enough to ask what colours a screenshot holds. PNG specification §5 (chunks), §9 (filters).
/// </summary>
internal sealed class PngPixels
{
    private readonly byte[] pixels;
    private readonly int channels;

    private PngPixels(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    public static PngPixels Decode(byte[] png)
    {
        png.AsSpan(0, 8).SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).ShouldBeTrue("PNG signature");
        int width = 0, height = 0, channels = 0;
        using var data = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var body = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                body[8].ShouldBe((byte)8, "bit depth");
                channels = body[9] switch { 2 => 3, 6 => 4, var other => throw new ShouldAssertException($"colour type {other} not handled") };
                body[12].ShouldBe((byte)0, "interlace");
            }
            else if (type == "IDAT")
            {
                data.Write(body);
            }
            at += 12 + length;
        }
        data.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }
        var raw = inflated.ToArray();
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride);
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[y * stride + x - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new ShouldAssertException($"filter {filter}"),
                };
                pixels[y * stride + x] = (byte)(line[x] + predictor);
            }
        }
        return new PngPixels(width, height, channels, pixels);
    }

    /// <summary>How many pixels satisfy <paramref name="test"/> (red, green, blue).</summary>
    public int Count(Func<byte, byte, byte, bool> test)
    {
        var count = 0;
        for (var i = 0; i < pixels.Length; i += channels)
        {
            if (test(pixels[i], pixels[i + 1], pixels[i + 2]))
            {
                count++;
            }
        }
        return count;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
