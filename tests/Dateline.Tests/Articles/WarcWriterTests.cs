using System.IO.Compression;
using System.Text;
using Dateline.Articles;
using Dateline.Articles.Warc;
using Dateline.Tests.Support;

namespace Dateline.Tests.Articles;

public sealed class WarcWriterTests
{
    private static readonly DateTimeOffset Noon = new(2022, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static SourcePage Page(string url, string body, string? finalUrl = null) => new(
        url,
        finalUrl ?? url,
        200,
        "text/html; charset=utf-8",
        [new("Content-Type", "text/html; charset=utf-8"), new("Content-Encoding", "gzip"), new("Server", "test")],
        Encoding.UTF8.GetBytes(body),
        Noon);

    [Theory]
    [InlineData("out.warc")]
    [InlineData("out.warc.gz")]
    public void What_the_writer_writes_the_reader_reads_back_with_valid_digests(string name)
    {
        using var folder = new TempFolder();
        var path = folder.File(name);
        using (var writer = WarcWriter.Append(path))
        {
            writer.WriteWarcInfo([new("software", "Dateline tests")], Noon);
            writer.WriteExchange(Page("https://a.example.org/one", "<p>one</p>"));
            writer.WriteExchange(Page("http://b.example.org/two", "<p>twö</p>", "https://b.example.org/two/"));
        }

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(name.EndsWith(".gz", StringComparison.Ordinal), bytes[0] == 0x1F && bytes[1] == 0x8B);
        var records = WarcReader.Read(path).ToList();
        Assert.Equal(["warcinfo", "request", "response", "request", "response"], records.Select(r => r.Header.Type));
        Assert.All(records, r => Assert.Equal("WARC/1.1", r.Header.Version));
        Assert.All(records, r => Assert.Matches("^<urn:uuid:[0-9a-f-]{36}>$", r.Header.RecordId));
        Assert.All(records, r => Assert.True(r.BlockDigestMatches(), $"block digest of the {r.Header.Type} record"));
        Assert.All(records.Where(r => r.Header.Type == "response"), r =>
        {
            Assert.True(r.PayloadDigestMatches(), "payload digest");
            Assert.Matches("^sha1:[A-Z2-7]{32}$", r.Header.PayloadDigest);
        });

        var (request, response) = (records[3], records[4]);
        Assert.Equal(response.Header.RecordId, request.Header["WARC-Concurrent-To"]);
        Assert.Equal(request.Header.RecordId, response.Header["WARC-Concurrent-To"]);
        Assert.Equal("https://b.example.org/two/", response.Header.TargetUri);
        Assert.Equal("http://b.example.org/two", response.Header[WarcWriter.RequestedUriField]);
        Assert.Equal(Noon, response.Header.Date);
        Assert.StartsWith("GET /two/ HTTP/1.1\r\nHost: b.example.org\r\n", Encoding.ASCII.GetString(request.Block!), StringComparison.Ordinal);

        // The body is stored decoded, so the stored headers must not claim a content coding.
        var http = HttpMessage.TryParseResponse(response.Block!)!;
        Assert.Null(http["Content-Encoding"]);
        Assert.Equal("test", http["Server"]);
        Assert.Equal("<p>twö</p>", Encoding.UTF8.GetString(response.Block.AsSpan(http.BodyOffset)));
        Assert.Equal(Encoding.UTF8.GetByteCount("<p>twö</p>").ToString(System.Globalization.CultureInfo.InvariantCulture), http["Content-Length"]);
    }

    [Fact]
    public void Each_gzip_record_is_its_own_member_so_standard_gzip_reads_the_whole_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("members.warc.gz");
        using (var writer = WarcWriter.Append(path))
        {
            writer.WriteWarcInfo([new("software", "x")], Noon);
            writer.WriteExchange(Page("https://a.example.org/", "<p>a</p>"));
        }

        var records = WarcReader.Read(path, static _ => false).ToList();
        Assert.Equal(3, records.Select(r => r.Position.Offset).Distinct().Count());

        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var text = new StreamReader(gzip).ReadToEnd();
        Assert.Equal(3, text.Split("WARC/1.1\r\n").Length - 1);
    }

    [Fact]
    public void Appending_keeps_earlier_records()
    {
        using var folder = new TempFolder();
        var path = folder.File("a.warc.gz");
        for (int run = 0; run < 2; run++)
        {
            using var writer = WarcWriter.Append(path);
            writer.WriteExchange(Page($"https://a.example.org/{run}", "<p>x</p>"));
        }

        Assert.Equal(["https://a.example.org/0", "https://a.example.org/1"],
            WarcReader.Read(path).Where(r => r.Header.Type == "response").Select(r => r.Header.TargetUri));
    }

    [Fact]
    public void Digests_are_sha1_in_base32()
    {
        // SHA-1 of the empty input is da39a3ee5e6b4b0d3255bfef95601890afd80709.
        Assert.Equal("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", WarcDigest.Sha1([]));
        Assert.True(WarcDigest.Matches("sha1:3i42h3s6nnfq2msvx7xzkyayscx5qbyj", []));
        Assert.True(WarcDigest.Matches("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", []));
        Assert.False(WarcDigest.Matches("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", [1]));
        Assert.Null(WarcDigest.Matches("md5:abc", []));
    }
}
