using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dateline.Articles;
using Dateline.Articles.Warc;

// Usage: dotnet run --project bench/Dateline.SampleWarc -- samples/articles/urls.tsv samples/articles.warc.gz
//
// Reads the manifest (url<TAB>file, the file relative to the manifest's folder) and writes every
// page as a request/response pair with Dateline's own WarcWriter, as if fetched with status 200
// on the day after the event that cites it, 08:00 UTC (the day comes from the page's first
// <time datetime="…">). The output is the same bytes on every run: dates are fixed, and the
// random record IDs the writer gives are replaced by name-based UUIDs of the URL (see WarcFile).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Dateline.SampleWarc MANIFEST.tsv OUTPUT.warc.gz");
    return 2;
}

var manifest = Path.GetFullPath(args[0]);
var folder = Path.GetDirectoryName(manifest)!;
var entries = File.ReadAllLines(manifest, Encoding.UTF8)
    .Where(line => line.Length > 0)
    .Select(line => line.Split('\t'))
    .Select(parts => parts.Length == 2 ? (Url: parts[0], File: parts[1]) : throw new FormatException($"{manifest}: expected url<TAB>file, got '{string.Join('\t', parts)}'"))
    .OrderBy(e => e.Url, StringComparer.Ordinal)
    .ToList();

var pages = entries.Select(e => SamplePage.Read(e.Url, Path.Combine(folder, e.File))).ToList();
var info = new KeyValuePair<string, string>[]
{
    new("software", "Dateline.SampleWarc"),
    new("format", "WARC File Format 1.1"),
    new("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
    new("description", "Hand-written stand-ins for the source pages cited by samples/portal (hosts under .example); not real captures"),
};

var output = Path.GetFullPath(args[1]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
using (var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None))
{
    var writer = new WarcFile(file, gzip: output.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
    writer.WriteInfo(info, pages.Max(p => p.FetchedAt));
    foreach (var page in pages)
    {
        writer.WriteExchange(page);
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"wrote {pages.Count} pages ({pages.Sum(p => (long)p.Body.Length):N0} bytes of HTML) to {output} ({new FileInfo(output).Length:N0} bytes)"));
return 0;

/// <summary>One manifest entry read from disk as the <see cref="SourcePage"/> a fetch would have given.</summary>
internal static partial class SamplePage
{
    private static readonly TimeOnly FetchTime = new(8, 0);

    public static SourcePage Read(string url, string path)
    {
        var body = File.ReadAllBytes(path);
        var text = Encoding.Latin1.GetString(body);
        var charset = MetaCharset().Match(text) is { Success: true } meta ? meta.Groups[1].Value.ToLowerInvariant() : "utf-8";
        var published = PublishedDate().Match(text) is { Success: true } time
            ? DateOnly.ParseExact(time.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : throw new FormatException($"{path}: no <time datetime=\"yyyy-MM-dd…\"> to date the capture by");
        var fetchedAt = new DateTimeOffset(published.AddDays(1).ToDateTime(FetchTime), TimeSpan.Zero);
        var contentType = $"text/html; charset={charset}";
        return new SourcePage(url, url, 200, contentType,
            [
                new("Date", fetchedAt.ToString("r", CultureInfo.InvariantCulture)),
                new("Server", "nginx"),
                new("Content-Type", contentType),
                new("Content-Language", "en"),
                new("Cache-Control", "max-age=300"),
            ],
            body, fetchedAt);
    }

    [GeneratedRegex(@"<meta\s+charset=""?([A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();

    [GeneratedRegex(@"<time\b[^>]*\bdatetime=""(\d{4}-\d{2}-\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex PublishedDate();
}

/// <summary>
/// Writes records with <see cref="WarcWriter"/>, uncompressed into memory, then gives them
/// record IDs derived from what they hold (the writer draws random ones, so two runs would
/// differ) and compresses each record as its own gzip member, as the writer does with gzip on.
/// An ID has the same length whatever its value, and the WARC digests cover only the block, so
/// nothing else in a record changes.
/// </summary>
internal sealed class WarcFile(Stream output, bool gzip)
{
    /// <summary>The RFC 4122 namespace for URLs (name-based UUIDs).</summary>
    private static readonly byte[] UrlNamespace = Convert.FromHexString("6ba7b8119dad11d180b400c04fd430c8");

    public void WriteInfo(IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset date) =>
        Write(writer => writer.WriteWarcInfo(fields, date), name: "warcinfo");

    public void WriteExchange(SourcePage page) => Write(writer => writer.WriteExchange(page), name: page.FinalUrl);

    private void Write(Action<WarcWriter> write, string name)
    {
        using var buffer = new MemoryStream();
        using (var writer = new WarcWriter(buffer, gzip: false, leaveOpen: true))
        {
            write(writer);
        }

        var records = Split(buffer.ToArray());
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var type = Field(record.Header, "WARC-Type");
            ids[Field(record.Header, "WARC-Record-ID")] = $"<urn:uuid:{NameUuid($"{type} {name}")}>";
        }

        foreach (var record in records)
        {
            var header = record.Header;
            foreach (var (random, fixedId) in ids)
            {
                header = header.Replace(random, fixedId, StringComparison.Ordinal);
            }

            var head = Encoding.UTF8.GetBytes(header);
            if (head.Length != Encoding.UTF8.GetByteCount(record.Header))
            {
                throw new InvalidOperationException("a record ID changed length");
            }

            if (gzip)
            {
                using var member = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
                member.Write(head);
                member.Write(record.Block);
            }
            else
            {
                output.Write(head);
                output.Write(record.Block);
            }
        }
    }

    /// <summary>The records in <paramref name="data"/>: each one's header (through its blank line) and its block with the closing CRLF CRLF.</summary>
    private static List<(string Header, byte[] Block)> Split(byte[] data)
    {
        var records = new List<(string, byte[])>();
        int at = 0;
        while (at < data.Length)
        {
            int blank = data.AsSpan(at).IndexOf("\r\n\r\n"u8);
            if (blank < 0)
            {
                throw new InvalidOperationException("a record has no end of header");
            }

            int blockStart = at + blank + 4;
            var header = Encoding.UTF8.GetString(data, at, blockStart - at);
            int length = int.Parse(Field(header, "Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture);
            int end = blockStart + length + 4;
            if (end > data.Length || !data.AsSpan(end - 4, 4).SequenceEqual("\r\n\r\n"u8))
            {
                throw new InvalidOperationException("a record does not end where its Content-Length says");
            }

            records.Add((header, data[blockStart..end]));
            at = end;
        }

        return records;
    }

    private static string Field(string header, string name)
    {
        foreach (var line in header.Split("\r\n"))
        {
            if (line.Length > name.Length + 1 && line.StartsWith(name, StringComparison.OrdinalIgnoreCase) && line[name.Length] == ':')
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        throw new InvalidOperationException($"a record has no {name} field");
    }

    /// <summary>A version 5 (SHA-1, name-based) UUID of <paramref name="name"/> in the URL namespace.</summary>
    private static string NameUuid(string name)
    {
        var input = new byte[UrlNamespace.Length + Encoding.UTF8.GetByteCount(name)];
        UrlNamespace.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(name, input.AsSpan(UrlNamespace.Length));
        var hash = SHA1.HashData(input); // CA5350 does not apply: RFC 4122 defines version 5 with SHA-1; this is an identifier, not a security check.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
