using System.Text;

namespace Dateline.Common;

/// <summary>
/// Reads a state file a build wrote (see <see cref="StateWriter"/>) in place: strings as
/// BinaryWriter writes them, arrays as a count and their bytes, read where they lie in the file.
/// A count larger than what is left of the file throws, as a damaged file does.
/// </summary>
internal sealed class StateReader(FileBytes file)
{
    public int At { get; private set; }

    /// <summary>How many bytes are left to read.</summary>
    public int Left => file.Length - At;

    public int Int32()
    {
        var bytes = Take(sizeof(int));
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    public string String()
    {
        // BinaryWriter's length prefix: seven bits a byte, low bits first, the top bit saying more follow.
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 28)
            {
                throw new FormatException("a string length of more than five bytes");
            }

            byte b = Take(1)[0];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>A count, then that many strings (a count larger than the bytes left is refused).</summary>
    public string[] Strings()
    {
        int count = Int32();
        if (count < 0 || count > file.Length - At)
        {
            throw new InvalidDataException("more strings than bytes left");
        }

        var strings = new string[count];
        for (int i = 0; i < strings.Length; i++)
        {
            strings[i] = String();
        }

        return strings;
    }

    public StoredRun<T> Run<T>()
        where T : unmanaged
    {
        int count = Int32();
        long size = (long)count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (count < 0 || size > file.Length - At)
        {
            throw new InvalidDataException("an array longer than what is left of the file");
        }

        var run = new StoredRun<T>(file, At, count);
        At += (int)size;
        return run;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > file.Length - At)
        {
            throw new EndOfStreamException();
        }

        var bytes = file.Span.Slice(At, count);
        At += count;
        return bytes;
    }
}

/// <summary>Writes what <see cref="StateReader"/> reads: numbers in this machine's byte order (a cache, not an interchange format).</summary>
internal static class StateWriter
{
    public static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> array)
        where T : unmanaged
    {
        writer.Write(array.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array));
    }

    /// <summary>A count, then the strings.</summary>
    public static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> strings)
    {
        writer.Write(strings.Count);
        foreach (var text in strings)
        {
            writer.Write(text);
        }
    }

    /// <summary>Whether every value is an index below <paramref name="bound"/>.</summary>
    public static bool AllBelow(ReadOnlySpan<int> values, int bound)
    {
        foreach (int value in values)
        {
            if ((uint)value >= (uint)bound)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Titles in strictly ascending ordinal order, as ids give them (the next build finds titles by binary search).</summary>
    public static bool IsAscending(string[] titles)
    {
        for (int i = 1; i < titles.Length; i++)
        {
            if (string.CompareOrdinal(titles[i - 1], titles[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
