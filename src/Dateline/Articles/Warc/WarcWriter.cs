using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Dateline.Articles.Warc;

/// <summary>
/// Writes WARC 1.1: a warcinfo record, then a request and a response record for each page. With
/// gzip every record is its own member, so a file cut short by a killed run is still readable up
/// to its last whole record, and readers can seek to any record.
/// </summary>
internal sealed class WarcWriter : IDisposable
{
    /// <summary>An extension field: the URL as cited, when the page was reached by redirects (or from a web archive).</summary>
    public const string RequestedUriField = "Dateline-Requested-URI";

    private readonly Stream output;
    private readonly bool gzip;
    private readonly bool leaveOpen;
    private readonly CompressionLevel level;

    public WarcWriter(Stream output, bool gzip, bool leaveOpen = false, CompressionLevel level = CompressionLevel.Optimal)
    {
        this.output = output;
        this.gzip = gzip;
        this.leaveOpen = leaveOpen;
        this.level = level;
    }

    /// <summary>Appends to <paramref name="path"/> (creating it and its folder); gzip when the name ends in ".gz".</summary>
    public static WarcWriter Append(string path, CompressionLevel level = CompressionLevel.Optimal)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        return new WarcWriter(file, path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase), leaveOpen: false, level);
    }

    /// <summary>Writes a warcinfo record describing the file's origin; returns its record ID.</summary>
    public string WriteWarcInfo(IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset? date = null)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            text.Append(name).Append(": ").Append(OneLine(value)).Append("\r\n");
        }

        var id = NewRecordId();
        WriteRecord(
            [new("WARC-Type", "warcinfo"), new("WARC-Record-ID", id), new("WARC-Date", FormatDate(date ?? DateTimeOffset.UtcNow)),
             new("Content-Type", "application/warc-fields")],
            Encoding.UTF8.GetBytes(text.ToString()),
            payloadOffset: null);
        return id;
    }

    /// <summary>Writes the request and the response that gave <paramref name="page"/>; returns the response's record ID.</summary>
    public string WriteExchange(SourcePage page)
    {
        var date = FormatDate(page.FetchedAt);
        var requestId = NewRecordId();
        var responseId = NewRecordId();
        var target = page.FinalUrl;

        WriteRecord(
            [new("WARC-Type", "request"), new("WARC-Record-ID", requestId), new("WARC-Date", date), new("WARC-Target-URI", target),
             new("WARC-Concurrent-To", responseId), new("Content-Type", "application/http;msgtype=request")],
            RequestBlock(target),
            payloadOffset: null);

        var (block, bodyOffset) = ResponseBlock(page);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("WARC-Type", "response"), new("WARC-Record-ID", responseId), new("WARC-Date", date), new("WARC-Target-URI", target),
            new("WARC-Concurrent-To", requestId), new("Content-Type", "application/http;msgtype=response"),
        };
        if (!string.Equals(page.RequestedUrl, target, StringComparison.Ordinal))
        {
            fields.Add(new(RequestedUriField, page.RequestedUrl));
        }

        WriteRecord(fields, block, bodyOffset);
        output.Flush(); // a killed run keeps every page written so far
        return responseId;
    }

    public void Flush() => output.Flush();

    public void Dispose()
    {
        output.Flush();
        if (!leaveOpen)
        {
            output.Dispose();
        }
    }

    internal static string FormatDate(DateTimeOffset date)
    {
        var utc = date.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static string NewRecordId() => $"<urn:uuid:{Guid.NewGuid():D}>";

    private static byte[] RequestBlock(string target)
    {
        var (path, host) = Uri.TryCreate(target, UriKind.Absolute, out var uri) ? (uri.PathAndQuery, uri.Authority) : ("/", string.Empty);
        var text = $"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html,application/xhtml+xml\r\n\r\n";
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>
    /// The body is stored decoded, so the headers must not claim a transfer or content coding, and
    /// Content-Length must be the stored length; everything else is kept as received.
    /// </summary>
    private static (byte[] Block, int BodyOffset) ResponseBlock(SourcePage page)
    {
        var head = new StringBuilder(512);
        head.Append("HTTP/1.1 ").Append(page.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrase(page.Status)).Append("\r\n");
        foreach (var (name, value) in page.Headers)
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            head.Append(OneLine(name)).Append(": ").Append(OneLine(value)).Append("\r\n");
        }

        if (page.ContentType is not null && !page.Headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("Content-Type: ").Append(OneLine(page.ContentType)).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(page.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var headBytes = Encoding.Latin1.GetBytes(head.ToString());
        var block = new byte[headBytes.Length + page.Body.Length];
        headBytes.CopyTo(block, 0);
        page.Body.CopyTo(block, headBytes.Length);
        return (block, headBytes.Length);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    /// <summary>A CR or LF inside a value would end the header line early: fold it to a space.</summary>
    private static string OneLine(string value) => value.Contains('\r') || value.Contains('\n')
        ? value.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
        : value;

    private void WriteRecord(IReadOnlyList<KeyValuePair<string, string>> fields, byte[] block, int? payloadOffset)
    {
        var head = new StringBuilder(512);
        head.Append("WARC/1.1\r\n");
        foreach (var (name, value) in fields)
        {
            head.Append(name).Append(": ").Append(OneLine(value)).Append("\r\n");
        }

        if (payloadOffset is { } offset)
        {
            head.Append("WARC-Payload-Digest: ").Append(WarcDigest.Sha1(block.AsSpan(offset))).Append("\r\n");
        }

        head.Append("WARC-Block-Digest: ").Append(WarcDigest.Sha1(block)).Append("\r\n");
        head.Append("Content-Length: ").Append(block.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());

        if (gzip)
        {
            using var member = new GZipStream(output, level, leaveOpen: true);
            WriteParts(member, headBytes, block);
        }
        else
        {
            WriteParts(output, headBytes, block);
        }
    }

    private static void WriteParts(Stream target, byte[] head, byte[] block)
    {
        target.Write(head);
        target.Write(block);
        target.Write("\r\n\r\n"u8);
    }
}
