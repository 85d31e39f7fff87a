using System.Text;
using Dateline.Common;

namespace Dateline.Linking;

/// <summary>
/// Texts by index, kept as one block of UTF-8 and their starts: read and written whole, and a
/// string made only of the texts asked for. A build that follows another carries 115,000 page
/// paths from one state to the next and looks at a few hundred of them.
/// </summary>
internal sealed class TextTable
{
    private readonly StoredRun<byte> bytes;
    private readonly StoredRun<int> starts;

    internal TextTable(StoredRun<byte> bytes, StoredRun<int> starts)
    {
        this.bytes = bytes;
        this.starts = starts;
    }

    public int Count => Math.Max(0, starts.Length - 1);

    /// <summary>Text i is <c>Bytes[Starts[i]..Starts[i + 1]]</c>.</summary>
    internal ReadOnlySpan<byte> Bytes => bytes.Span;

    internal ReadOnlySpan<int> Starts => starts.Span;

    public string this[int i] => Encoding.UTF8.GetString(Utf8(i));

    public ReadOnlySpan<byte> Utf8(int i)
    {
        var at = Starts;
        return Bytes[at[i]..at[i + 1]];
    }

    public static TextTable Of(IReadOnlyList<string> texts)
    {
        long size = 0;
        foreach (var text in texts)
        {
            size += Encoding.UTF8.GetByteCount(text);
        }

        var table = new Builder((int)Math.Min(size, Array.MaxLength));
        foreach (var text in texts)
        {
            table.Add(text);
        }

        return table.Build();
    }

    /// <summary>True when the starts run from 0 to the end of the bytes without going back (a file read back may not).</summary>
    internal bool IsWellFormed()
    {
        var at = Starts;
        if (at.Length == 0 || at[0] != 0 || at[^1] != Bytes.Length)
        {
            return false;
        }

        for (int i = 1; i < at.Length; i++)
        {
            if (at[i] < at[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    public sealed class Builder(int bytesExpected = 1 << 16)
    {
        private readonly List<int> starts = [0];
        private byte[] bytes = new byte[Math.Max(bytesExpected, 16)];
        private int used;

        public void Add(string text)
        {
            if (bytes.Length - used < Encoding.UTF8.GetMaxByteCount(text.Length) && bytes.Length - used < Encoding.UTF8.GetByteCount(text))
            {
                Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + Encoding.UTF8.GetByteCount(text)));
            }

            used += Encoding.UTF8.GetBytes(text, bytes.AsSpan(used));
            starts.Add(used);
        }

        /// <summary>Texts <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> of another table, copied as one run of bytes.</summary>
        public void AddRange(TextTable from, int first, int count)
        {
            var at = from.Starts;
            var run = from.Bytes[at[first]..at[first + count]];
            if (bytes.Length - used < run.Length)
            {
                Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + run.Length));
            }

            run.CopyTo(bytes.AsSpan(used));
            int shift = used - at[first];
            starts.EnsureCapacity(starts.Count + count);
            for (int i = first + 1; i <= first + count; i++)
            {
                starts.Add(at[i] + shift);
            }

            used += run.Length;
        }

        /// <summary>The table; its bytes are the builder's own when they were expected to the byte (no copy).</summary>
        public TextTable Build() => new(used == bytes.Length ? bytes : bytes[..used], starts.ToArray());
    }
}
