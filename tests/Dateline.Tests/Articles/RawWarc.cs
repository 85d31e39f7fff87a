using System.IO.Compression;
using System.Text;

namespace Dateline.Tests.Articles;

/// <summary>
/// Builds WARC files byte by byte for tests, independently of the product's writer, so the
/// reader is checked against files shaped as other crawlers shape them.
/// </summary>
internal sealed class RawWarc(string version = "WARC/1.0")
{
    private readonly List<byte[]> records = [];

    public static byte[] HttpResponse(string head, byte[] body) => [.. Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n") + "\r\n"), .. body];

    public static byte[] HttpResponse(string head, string body) => HttpResponse(head, Encoding.UTF8.GetBytes(body));

    public RawWarc Response(string uri, byte[] block, string date = "2017-09-29T08:00:00Z", string? id = null, params string[] extra) =>
        Record("response", uri, block, date, id, ["Content-Type: application/http; msgtype=response", .. extra]);

    public RawWarc Revisit(string uri, byte[] block, string date, params string[] extra) =>
        Record("revisit", uri, block, date, null, ["Content-Type: application/http; msgtype=response", .. extra]);

    public RawWarc Record(string type, string? uri, byte[] block, string date, string? id, IEnumerable<string> extra)
    {
        var head = new StringBuilder();
        head.Append(version).Append("\r\n");
        head.Append("WARC-Type: ").Append(type).Append("\r\n");
        if (uri is not null)
        {
            head.Append("WARC-Target-URI: ").Append(uri).Append("\r\n");
        }

        head.Append("WARC-Date: ").Append(date).Append("\r\n");
        head.Append("WARC-Record-ID: ").Append(id ?? $"<urn:uuid:{Guid.NewGuid()}>").Append("\r\n");
        foreach (var line in extra)
        {
            head.Append(line).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(block.Length).Append("\r\n\r\n");
        records.Add([.. Encoding.UTF8.GetBytes(head.ToString()), .. block, .. "\r\n\r\n"u8.ToArray()]);
        return this;
    }

    public byte[] Plain() => [.. records.SelectMany(r => r)];

    /// <summary>One gzip member per record, as crawlers write .warc.gz.</summary>
    public byte[] GzipPerRecord()
    {
        using var output = new MemoryStream();
        foreach (var record in records)
        {
            output.Write(Gzip(record));
        }

        return output.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public string Save(string path, bool gzip)
    {
        File.WriteAllBytes(path, gzip ? GzipPerRecord() : Plain());
        return path;
    }
}
