using System.Buffers.Binary;

namespace ReelRights.Fingerprinting.Format;

/// <summary>Little-endian reads over a buffer; running past the end is a format error, never an index exception.</summary>
internal ref struct SpanReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> buffer = buffer;
    private int position;

    public readonly int Remaining => buffer.Length - position;

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw FormatErrors.Truncated();
        }

        var span = buffer.Slice(position, count);
        position += count;
        return span;
    }

    public byte Byte() => Bytes(1)[0];

    public short Int16() => BinaryPrimitives.ReadInt16LittleEndian(Bytes(2));

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(8));

    /// <summary>A count that must lie in [0, max].</summary>
    public int Count(int max)
    {
        var value = Int32();
        return value < 0 || value > max ? throw FormatErrors.Invalid($"count {value} out of range") : value;
    }

    public ulong[] UInt64Array(int count)
    {
        if ((long)count * 8 > Remaining)
        {
            throw FormatErrors.Truncated();
        }

        var result = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = UInt64();
        }

        return result;
    }
}
