using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using SharpCompress.Compressors.BZip2;

namespace Dateline.Portal;

/// <summary>
/// Streams the pages of a MediaWiki XML export (Special:Export or a dump), plain, gzip or bzip2,
/// one page at a time: a multi-gigabyte export is read in bounded memory. Pages that are not day
/// pages of the Portal are passed over.
/// </summary>
internal static class ExportReader
{
    /// <summary>
    /// The most wikitext one page may hold, in characters (UTF-16 code units): 16 Mi. The busiest
    /// day pages of the Portal are a few hundred kilobytes; a 593-byte bzip2 file can expand to
    /// hundreds of megabytes of text, which must not all be held. A longer page is refused.
    /// </summary>
    public const int MaxWikitextChars = 16 * 1024 * 1024;

    /// <summary>The most characters of a title, id or timestamp (MediaWiki titles are at most 255 bytes).</summary>
    private const int MaxFieldChars = 4096;

    /// <summary>Opens a file, undoing gzip or bzip2 compression found by the file's first bytes.</summary>
    public static Stream OpenDecompressed(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> magic = stackalloc byte[3];
        int read = file.ReadAtLeast(magic, 3, throwOnEndOfStream: false);
        file.Position = 0;
        if (read >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            return new BufferedStream(new GZipStream(file, System.IO.Compression.CompressionMode.Decompress), 1 << 16);
        }

        if (read == 3 && magic[0] == (byte)'B' && magic[1] == (byte)'Z' && magic[2] == (byte)'h')
        {
            return new BufferedStream(BZip2Stream.Create(file, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true), 1 << 16);
        }

        return file;
    }

    /// <summary>True when the file holds an XML export rather than a single day page.</summary>
    public static bool LooksLikeExport(string path)
    {
        var name = path.ToLowerInvariant();
        if (name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".xml.gz", StringComparison.Ordinal) || name.EndsWith(".xml.bz2", StringComparison.Ordinal))
        {
            return true;
        }

        using var stream = OpenDecompressed(path);
        var head = new byte[512];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var text = System.Text.Encoding.UTF8.GetString(head, 0, read);
        return text.Contains("<mediawiki", StringComparison.Ordinal);
    }

    /// <summary>
    /// The day pages of the export, newest revision of each page. Throws <see cref="XmlException"/>
    /// (with its line) where the XML breaks off; the pages before that point have been yielded.
    /// A page whose text or title is longer than the bounds is reported through
    /// <paramref name="onError"/> with its line, without holding its text, and the next is read.
    /// </summary>
    public static IEnumerable<PortalPageText> ReadPages(Stream stream, string source, Action<PortalError>? onError = null)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(stream, settings);
        var lineInfo = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "page")
            {
                continue;
            }

            var page = ReadPage(reader, lineInfo, source, onError);
            if (page is not null)
            {
                yield return page;
            }
        }
    }

    private static PortalPageText? ReadPage(XmlReader reader, IXmlLineInfo lineInfo, string source, Action<PortalError>? onError)
    {
        string? title = null;
        Revision? newest = null;
        int pageLine = lineInfo.LineNumber;
        int depth = reader.Depth;
        if (reader.IsEmptyElement)
        {
            return null;
        }

        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName == "title")
            {
                int titleLine = lineInfo.LineNumber;
                title = ReadBounded(reader, MaxFieldChars); // leaves the reader on the next node
                if (title is null)
                {
                    onError?.Invoke(new PortalError(source, titleLine, $"a page title longer than {MaxFieldChars:N0} characters; the page is skipped"));
                    SkipRestOfElement(reader, depth);
                    return null;
                }

                continue;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName == "revision")
            {
                if (title is not null && !PortalTitle.TryParse(title, out _))
                {
                    reader.Skip(); // a dump's other pages: do not even materialise their text
                    continue;
                }

                var revision = ReadRevision(reader, lineInfo);
                if (revision.TooLong)
                {
                    onError?.Invoke(new PortalError(source, revision.TextLine,
                        $"{(title is null ? "a page's" : $"the page \"{title}\" has")} revision {revision.Id} with more than {MaxWikitextChars / (1024 * 1024)} Mi characters of wikitext; the page is skipped"));
                    SkipRestOfElement(reader, depth);
                    return null;
                }

                if (newest is null || revision.Id >= newest.Id)
                {
                    newest = revision;
                }
            }

            reader.Read();
        }

        if (title is null || newest?.Text is null || !title.StartsWith(PortalTitle.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        // A Portal page that is not a day page (the month's page, an archive) is not news.
        if (!PortalTitle.TryParse(title, out var date))
        {
            return null;
        }

        return new PortalPageText(source, newest.TextLine, title, date, "title", newest.Id, newest.Timestamp, newest.Text);
    }

    private sealed record Revision(long Id, DateTimeOffset? Timestamp, string? Text, int TextLine, bool TooLong = false);

    private static Revision ReadRevision(XmlReader reader, IXmlLineInfo lineInfo)
    {
        long id = 0;
        DateTimeOffset? timestamp = null;
        string? text = null;
        int textLine = 0;
        bool tooLong = false;
        int depth = reader.Depth;
        if (reader.IsEmptyElement)
        {
            return new Revision(id, timestamp, text, textLine);
        }

        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
            {
                reader.Read();
                continue;
            }

            // Each ReadElementContentAsString leaves the reader on the node after the element.
            switch (reader.LocalName)
            {
                case "id":
                    _ = long.TryParse(ReadBounded(reader, MaxFieldChars), NumberStyles.None, CultureInfo.InvariantCulture, out id);
                    break;
                case "timestamp":
                    var stamp = ReadBounded(reader, MaxFieldChars);
                    if (stamp is not null && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                    {
                        timestamp = when;
                    }

                    break;
                case "text":
                    textLine = lineInfo.LineNumber;
                    text = ReadBounded(reader, MaxWikitextChars);
                    tooLong |= text is null;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Revision(id, timestamp, text, textLine, tooLong);
    }

    /// <summary>
    /// The text content of the element the reader is on, as <c>ReadElementContentAsString</c>
    /// gives it (and leaving the reader on the node after the element), or null when it is
    /// longer than <paramref name="maxChars"/>: the rest is then read a chunk at a time and
    /// dropped, so an element of any length costs no more memory than the bound.
    /// </summary>
    private static string? ReadBounded(XmlReader reader, int maxChars)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        int depth = reader.Depth;
        var text = new StringBuilder();
        var chunk = new char[8192];
        bool tooLong = false;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    int read;
                    while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        if (!tooLong && text.Length + read > maxChars)
                        {
                            tooLong = true;
                            text.Clear();
                        }

                        if (!tooLong)
                        {
                            text.Append(chunk, 0, read);
                        }
                    }

                    break;
                case XmlNodeType.Element:
                    throw new XmlException($"the element <{reader.LocalName}> is inside an element that holds text", null, ((IXmlLineInfo)reader).LineNumber, ((IXmlLineInfo)reader).LinePosition);
                case XmlNodeType.None:
                    throw new XmlException("the export ends inside an element", null, ((IXmlLineInfo)reader).LineNumber, ((IXmlLineInfo)reader).LinePosition);
            }

            reader.Read();
        }

        reader.Read(); // past the end tag, as ReadElementContentAsString leaves it
        return tooLong ? null : text.ToString();
    }

    /// <summary>Moves the reader to the end tag of the element at <paramref name="depth"/> without reading its values.</summary>
    private static void SkipRestOfElement(XmlReader reader, int depth)
    {
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth > depth)
            {
                reader.Skip();
                continue;
            }

            reader.Read();
        }
    }
}
