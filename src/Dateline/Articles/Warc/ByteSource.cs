using System.Buffers;
using System.Text;

namespace Dateline.Articles.Warc;

/// <summary>
/// Buffered reading of WARC and HTTP framing from a stream: lines up to LF (CR dropped), exact byte
/// counts and skips. Position counts bytes taken, so a plain file's record offsets come from it.
/// </summary>
internal sealed class ByteSource(Stream stream, long startPosition = 0) : IDisposable
{
    private const int MaxLine = 64 * 1024;

    // Pooled: a reader is made for every record read back, and a fresh 64 KB each time is garbage the GC must chase.
    private readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxLine);
    private int start;
    private int end;
    private long bufferOffset = startPosition;
    private bool disposed;

    public long Position => bufferOffset + start;

    /// <summary>True when no byte is left.</summary>
    public bool AtEnd => start == end && Fill() == 0;

    /// <summary>The next line without its CR LF, or null at the end of the stream.</summary>
    public string? ReadLine()
    {
        while (true)
        {
            int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = buffer.AsSpan(start, newline);
                start += newline + 1;
                return Encoding.UTF8.GetString(line.Length > 0 && line[^1] == '\r' ? line[..^1] : line);
            }

            if (end - start >= MaxLine)
            {
                throw new WarcFormatException($"offset {Position}: a header line is longer than {MaxLine} bytes");
            }

            if (Fill() == 0)
            {
                if (start == end)
                {
                    return null;
                }

                var rest = Encoding.UTF8.GetString(buffer, start, end - start);
                start = end;
                return rest;
            }
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; a shorter stream is a truncated record.</summary>
    public byte[] ReadBytes(long count, string what)
    {
        if (count > Array.MaxLength)
        {
            throw new WarcFormatException($"offset {Position}: {what} of {count} bytes is too large to read");
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)count);
        ReadExactly(bytes, what);
        return bytes;
    }

    /// <summary>Fills <paramref name="destination"/>; a shorter stream is a truncated record.</summary>
    public void ReadExactly(Span<byte> destination, string what)
    {
        int at = 0;
        while (at < destination.Length)
        {
            if (start == end && Fill() == 0)
            {
                throw new WarcFormatException($"offset {Position}: {what} is cut short ({at} of {destination.Length} bytes)");
            }

            int n = Math.Min(end - start, destination.Length - at);
            buffer.AsSpan(start, n).CopyTo(destination[at..]);
            start += n;
            at += n;
        }
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Passes over <paramref name="count"/> bytes, seeking when the stream can.</summary>
    public void Skip(long count, string what)
    {
        long buffered = Math.Min(count, end - start);
        start += (int)buffered;
        count -= buffered;
        if (count == 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            long target = stream.Position + count;
            if (target > stream.Length)
            {
                throw new WarcFormatException($"offset {Position}: {what} is cut short");
            }

            stream.Position = target;
            bufferOffset += end + count;
            start = end = 0;
            return;
        }

        while (count > 0)
        {
            if (Fill() == 0)
            {
                throw new WarcFormatException($"offset {Position}: {what} is cut short");
            }

            int n = (int)Math.Min(count, end - start);
            start += n;
            count -= n;
        }
    }

    /// <summary>Skips the empty lines (CR LF pairs, or lone LFs from careless writers) between records.</summary>
    public void SkipBlankLines()
    {
        while (true)
        {
            if (start == end && Fill() == 0)
            {
                return;
            }

            byte b = buffer[start];
            if (b != '\r' && b != '\n')
            {
                return;
            }

            start++;
        }
    }

    /// <summary>Reads more into the buffer (moving unread bytes to its front); returns how many came.</summary>
    private int Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            bufferOffset += start;
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            return 0;
        }

        int n = stream.Read(buffer, end, buffer.Length - end);
        end += n;
        return n;
    }
}
