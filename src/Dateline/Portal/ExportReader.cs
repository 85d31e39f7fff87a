using System.Globalization;
using System.IO.Compression;
using System.Xml;
using SharpCompress.Compressors.BZip2;

namespace Dateline.Portal;

/// <summary>
/// Streams the pages of a MediaWiki XML export (Special:Export or a dump), plain, gzip or bzip2,
/// one page at a time: a multi-gigabyte export is read in bounded memory. Pages that are not day
/// pages of the Portal are passed over.
/// </summary>
public static class ExportReader
{
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
    /// </summary>
    public static IEnumerable<PortalPageText> ReadPages(Stream stream, string source)
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

            var page = ReadPage(reader, lineInfo, source);
            if (page is not null)
            {
                yield return page;
            }
        }
    }

    private static PortalPageText? ReadPage(XmlReader reader, IXmlLineInfo lineInfo, string source)
    {
        string? title = null;
        Revision? newest = null;
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
                title = reader.ReadElementContentAsString(); // leaves the reader on the next node
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

    private sealed record Revision(long Id, DateTimeOffset? Timestamp, string? Text, int TextLine);

    private static Revision ReadRevision(XmlReader reader, IXmlLineInfo lineInfo)
    {
        long id = 0;
        DateTimeOffset? timestamp = null;
        string? text = null;
        int textLine = 0;
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
                    _ = long.TryParse(reader.ReadElementContentAsString(), NumberStyles.None, CultureInfo.InvariantCulture, out id);
                    break;
                case "timestamp":
                    var stamp = reader.ReadElementContentAsString();
                    if (DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                    {
                        timestamp = when;
                    }

                    break;
                case "text":
                    textLine = lineInfo.LineNumber;
                    text = reader.ReadElementContentAsString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Revision(id, timestamp, text, textLine);
    }
}
