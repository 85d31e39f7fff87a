namespace Dateline.Articles.Warc;

/// <summary>
/// The compressed bytes of a multi-member gzip file, handed to an inflater. The inflater reads
/// ahead past the end of a member and cannot say where that end was, so this stream keeps what it
/// handed out and can take bytes back: the member's end is then found from its trailer.
/// </summary>
internal sealed class CompressedInput(Stream inner, long start = 0) : Stream
{
    private byte[] buffer = new byte[128 * 1024];
    private long bufferOffset = start;
    private int start;
    private int end;
    private int lastReadStart;

    /// <summary>The file offset of the next byte to be handed out.</summary>
    public override long Position
    {
        get => bufferOffset + start;
        set => throw new NotSupportedException();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>The file offset where the inflater's most recent read began.</summary>
    public long LastReadOffset => bufferOffset + lastReadStart;

    public override int Read(byte[] destination, int offset, int count) => Read(destination.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (start == end && Fill(1) == 0)
        {
            return 0;
        }

        // Small hand-outs keep the read-ahead short, so the trailer is always still in the buffer.
        int n = Math.Min(Math.Min(destination.Length, end - start), 16 * 1024);
        buffer.AsSpan(start, n).CopyTo(destination);
        lastReadStart = start;
        start += n;
        return n;
    }

    public int ReadByte(string what)
    {
        if (start == end && Fill(1) == 0)
        {
            throw new WarcFormatException($"offset {Position}: the gzip file ends inside {what}");
        }

        lastReadStart = start;
        return buffer[start++];
    }

    /// <summary>
    /// The bytes from <paramref name="from"/> (not before the last read) to at least
    /// <paramref name="extra"/> bytes past the hand-out point, for finding a trailer.
    /// </summary>
    public ReadOnlySpan<byte> Window(long from, int extra)
    {
        Fill(extra);
        int first = (int)Math.Max(from - bufferOffset, 0);
        return buffer.AsSpan(first, end - first);
    }

    /// <summary>Makes <paramref name="offset"/> (inside the buffer) the next byte to hand out.</summary>
    public void RewindTo(long offset)
    {
        start = checked((int)(offset - bufferOffset));
        lastReadStart = start;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] destination, int offset, int count) => throw new NotSupportedException();

    /// <summary>Makes at least <paramref name="wanted"/> unread bytes available (fewer at the end); keeps the last hand-out.</summary>
    private int Fill(int wanted)
    {
        if (end - start >= wanted)
        {
            return end - start;
        }

        int keep = Math.Max(Math.Min(lastReadStart, start) - 8, 0); // the trailer search may look 8 bytes back
        if (keep > 0)
        {
            Buffer.BlockCopy(buffer, keep, buffer, 0, end - keep);
            bufferOffset += keep;
            start -= keep;
            end -= keep;
            lastReadStart -= keep;
        }

        if (buffer.Length - start < wanted)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, start + wanted));
        }

        while (end - start < wanted)
        {
            int n = inner.Read(buffer, end, buffer.Length - end);
            if (n == 0)
            {
                break;
            }

            end += n;
        }

        return end - start;
    }
}
