using System.Buffers;
using System.IO.Compression;

namespace Dateline.Articles.Warc;

/// <summary>
/// Streams the records of a WARC file (1.0 or 1.1), plain or gzip-compressed record by record.
/// Blocks are read only for the records the caller asks for, so a file of any size is read in
/// constant memory; <see cref="ReadAt"/> reads one record again from its <see cref="WarcPosition"/>.
/// </summary>
internal static class WarcReader
{
    /// <summary>
    /// Every record of the file, in order, with its block when <paramref name="wantBlock"/> says so;
    /// of the other blocks only the first <paramref name="peekBytes"/> bytes are read (e.g. to see an HTTP status).
    /// </summary>
    public static IEnumerable<WarcRecord> Read(string path, Func<WarcHeader, bool>? wantBlock = null, int peekBytes = 0)
    {
        using var file = OpenFile(path, FileOptions.SequentialScan);
        foreach (var record in Read(file, wantBlock, peekBytes))
        {
            yield return record;
        }
    }

    /// <summary>Every record of a stream read from its start (gzip or plain, told apart by the first bytes).</summary>
    public static IEnumerable<WarcRecord> Read(Stream stream, Func<WarcHeader, bool>? wantBlock = null, int peekBytes = 0)
    {
        wantBlock ??= static _ => true;
        var peek = new byte[2];
        long start = stream.CanSeek ? stream.Position : 0;
        int got = stream.ReadAtLeast(peek, 2, throwOnEndOfStream: false);
        bool gzip = got == 2 && peek[0] == 0x1F && peek[1] == 0x8B;
        Stream whole;
        if (stream.CanSeek)
        {
            // Seeking back keeps the stream seekable, so plain files skip unwanted blocks without reading them.
            stream.Position = start;
            whole = stream;
        }
        else
        {
            whole = new PrefixedStream(peek.AsMemory(0, got), stream);
        }

        return gzip ? ReadMembers(whole, start, wantBlock, peekBytes) : ReadPlain(whole, start, wantBlock, peekBytes);
    }

    /// <summary>Reads the record at <paramref name="position"/> of the file, with its block.</summary>
    public static WarcRecord ReadAt(string path, WarcPosition position) =>
        AtPosition(path, position, (source, header) => new WarcRecord(position, header, source.ReadBytes(header.ContentLength, "the record's block")));

    /// <summary>
    /// Reads the HTTP response (or revisit) at <paramref name="position"/>: its status and headers,
    /// and its payload as an array of its own. The block is read into a pooled buffer, so a page
    /// costs one allocation of its body's size rather than two. Only the first
    /// <paramref name="maxBlockBytes"/> of the block are read (from a gzip member, only that much
    /// is inflated): a record whose block says 256 MB, from a file of a few hundred kilobytes, must
    /// not be held whole, any more than a live page longer than the fetcher's cap is.
    /// </summary>
    internal static HttpCapture ReadHttpAt(string path, WarcPosition position, int maxBlockBytes = int.MaxValue) => AtPosition(path, position, (source, header) =>
    {
        long length = Math.Min(header.ContentLength, maxBlockBytes);
        if (length > Array.MaxLength)
        {
            throw new WarcFormatException($"{path}: the record at offset {position.Offset} is too large to read");
        }

        var block = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            var span = block.AsSpan(0, (int)length);
            source.ReadExactly(span, "the record's block");
            var message = HttpMessage.TryParseResponse(span);
            return new HttpCapture(header, message, span[(message?.BodyOffset ?? 0)..].ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    });

    /// <summary>Positions a reader at the record and hands its header and the reader (at the block's start) to <paramref name="read"/>.</summary>
    private static T AtPosition<T>(string path, WarcPosition position, Func<ByteSource, WarcHeader, T> read)
    {
        using var file = OpenFile(path, FileOptions.RandomAccess);
        file.Position = position.Offset;
        int first = file.ReadByte();
        file.Position = position.Offset;
        bool gzip = first == 0x1F;

        // For gzip, one member is all that is needed: GZipStream would go on into the next, but is not asked to.
        using var member = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : null;
        using var source = gzip ? new ByteSource(member!) : new ByteSource(file, position.Offset);
        for (int i = 0; i < position.Index; i++)
        {
            _ = ReadRecord(source, position, static _ => false, 0) ?? throw new WarcFormatException($"{path}: no record at offset {position.Offset}");
        }

        source.SkipBlankLines();
        var header = ReadHeader(source) ?? throw new WarcFormatException($"{path}: no record at offset {position.Offset}");
        return read(source, header);
    }

    private static FileStream OpenFile(string path, FileOptions options) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, options);

    private static IEnumerable<WarcRecord> ReadPlain(Stream stream, long start, Func<WarcHeader, bool> wantBlock, int peekBytes)
    {
        using var source = new ByteSource(stream, start);
        while (true)
        {
            source.SkipBlankLines();
            long offset = source.Position;
            var record = ReadRecord(source, new WarcPosition(offset, 0), wantBlock, peekBytes);
            if (record is null)
            {
                yield break;
            }

            yield return record;
        }
    }

    private static IEnumerable<WarcRecord> ReadMembers(Stream stream, long start, Func<WarcHeader, bool> wantBlock, int peekBytes)
    {
        using var members = new GzipMembers(stream, start);
        while (members.Next() is { } member)
        {
            using (member)
            using (var source = new ByteSource(member))
            {
                for (int index = 0; ; index++)
                {
                    var record = ReadRecord(source, new WarcPosition(member.Offset, index), wantBlock, peekBytes);
                    if (record is null)
                    {
                        break;
                    }

                    yield return record;
                }

                member.Finish();
            }
        }
    }

    /// <summary>Reads a record's version line and fields, up to the empty line; null at the end of the stream.</summary>
    private static WarcHeader? ReadHeader(ByteSource source)
    {
        long offset = source.Position;
        var versionLine = source.ReadLine();
        if (versionLine is null)
        {
            return null;
        }

        if (!versionLine.StartsWith("WARC/", StringComparison.Ordinal))
        {
            throw new WarcFormatException($"offset {offset}: expected a WARC version line, found \"{Shorten(versionLine)}\"");
        }

        var fields = new List<KeyValuePair<string, string>>(12);
        while (true)
        {
            var line = source.ReadLine() ?? throw new WarcFormatException($"offset {offset}: the file ends inside a record header");
            if (line.Length == 0)
            {
                break;
            }

            if (line[0] is ' ' or '\t' && fields.Count > 0)
            {
                // A folded line continues the previous field's value.
                var last = fields[^1];
                fields[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new WarcFormatException($"offset {offset}: a header line without a field name: \"{Shorten(line)}\"");
            }

            fields.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new WarcHeader(versionLine.Trim(), fields);
    }

    /// <summary>Reads one record (header, block or skip, the CR LF CR LF after it); null at the end.</summary>
    private static WarcRecord? ReadRecord(ByteSource source, WarcPosition position, Func<WarcHeader, bool>? wantBlock, int peekBytes)
    {
        source.SkipBlankLines();
        long offset = source.Position;
        if (ReadHeader(source) is not { } header)
        {
            return null;
        }

        long length = header.ContentLength;
        byte[]? block = null;
        byte[]? peek = null;
        var what = $"the block of the {header.Type} record at offset {offset}";
        if (wantBlock is null || wantBlock(header))
        {
            block = source.ReadBytes(length, what);
        }
        else
        {
            long head = Math.Min(length, peekBytes);
            if (head > 0)
            {
                peek = source.ReadBytes(head, what);
            }

            source.Skip(length - head, what);
        }

        source.SkipBlankLines();
        return new WarcRecord(position, header, block) { Peek = peek };
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}

/// <summary>An HTTP response read back from a WARC record: its WARC header, its HTTP head (null when the block has none) and its payload.</summary>
internal sealed record HttpCapture(WarcHeader Header, HttpMessage? Message, byte[] Payload);
