using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Dateline.Articles.Warc;

/// <summary>
/// Reads a gzip file member by member (RFC 1952; a WARC.gz holds one record per member), so each
/// member's offset is known and a record can be read again later by seeking to it.
/// </summary>
internal sealed class GzipMembers(Stream file, long start = 0) : IDisposable
{
    private readonly CompressedInput input = new(file, start);

    /// <summary>Opens the next member; null at the end of the file.</summary>
    public GzipMember? Next()
    {
        long offset = input.Position;
        if (input.Window(offset, 1).Length == 0)
        {
            return null;
        }

        ReadHeader(offset);
        return new GzipMember(offset, input);
    }

    public void Dispose() => input.Dispose();

    private void ReadHeader(long offset)
    {
        if (input.ReadByte("a gzip header") != 0x1F || input.ReadByte("a gzip header") != 0x8B)
        {
            throw new WarcFormatException($"offset {offset}: not the start of a gzip member");
        }

        if (input.ReadByte("a gzip header") != 8)
        {
            throw new WarcFormatException($"offset {offset}: a gzip member not compressed with deflate");
        }

        int flags = input.ReadByte("a gzip header");
        for (int i = 0; i < 6; i++)
        {
            input.ReadByte("a gzip header"); // modification time, extra flags, OS: nothing to act on
        }

        if ((flags & 4) != 0)
        {
            int length = input.ReadByte("a gzip header") | (input.ReadByte("a gzip header") << 8);
            for (int i = 0; i < length; i++)
            {
                input.ReadByte("a gzip extra field");
            }
        }

        for (int mask = 8; mask <= 16; mask <<= 1)
        {
            if ((flags & mask) != 0)
            {
                while (input.ReadByte("a gzip name or comment") != 0)
                {
                }
            }
        }

        if ((flags & 2) != 0)
        {
            input.ReadByte("a gzip header check");
            input.ReadByte("a gzip header check");
        }
    }
}

/// <summary>
/// One gzip member's decompressed bytes. Read it to its end (or call <see cref="Finish"/>): the
/// CRC-32 and length then identify the trailer, and the input is rewound to just after it.
/// </summary>
internal sealed class GzipMember : Stream
{
    private readonly CompressedInput input;
    private readonly DeflateStream inflater;
    private readonly Crc32 crc = new();
    private long length;
    private bool finished;

    public GzipMember(long offset, CompressedInput input)
    {
        Offset = offset;
        this.input = input;
        inflater = new DeflateStream(input, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>The file offset of the member's gzip header.</summary>
    public long Offset { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (finished)
        {
            return 0;
        }

        int n;
        try
        {
            n = inflater.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new WarcFormatException($"offset {Offset}: the gzip member is corrupt ({e.Message})", e);
        }

        if (n == 0)
        {
            EndMember();
            return 0;
        }

        crc.Append(buffer[..n]);
        length += n;
        return n;
    }

    /// <summary>Reads whatever is left of the member, so the next one can be opened.</summary>
    public void Finish()
    {
        var scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (Read(scratch) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inflater.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The deflate data ended somewhere in the inflater's last read; the trailer (CRC-32 and
    /// length, 8 bytes) follows it. Searching for exactly those 8 bytes finds the end; a false
    /// match inside compressed data would need a 64-bit coincidence.
    /// </summary>
    private void EndMember()
    {
        finished = true;
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)length));
        long from = Math.Max(Offset, input.LastReadOffset - 8);
        var window = input.Window(from, 8);
        int at = window.IndexOf(trailer);
        if (at < 0)
        {
            throw new WarcFormatException($"offset {Offset}: the gzip member's trailer is missing or its checksum does not match");
        }

        input.RewindTo(from + at + 8);
    }
}
