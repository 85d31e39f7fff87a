using System.IO.Compression;
using System.Text;
using Dateline.Articles;
using Dateline.Articles.Warc;
using Dateline.Tests.Support;

namespace Dateline.Tests.Articles;

public sealed class WarcReaderTests
{
    private const string Html = "<html><head><meta property=\"og:description\" content=\"Bridge opens to traffic.\"></head><body>Long read.</body></html>";

    [SharedSpecFact]
    public void The_seed_fixture_reads_as_a_warcinfo_and_one_response()
    {
        var path = Path.Combine(TestPaths.SharedSpec!, "seed-fixture", "articles.warc");
        var records = WarcReader.Read(path).ToList();

        Assert.Equal(["warcinfo", "response"], records.Select(r => r.Header.Type));
        var response = records[1];
        Assert.Equal("WARC/1.0", response.Header.Version);
        Assert.Equal("http://www.latimes.com/world/la-fg-islamic-state-abu-bakr-20170928-story.html", response.Header.TargetUri);
        Assert.Equal(new DateTimeOffset(2017, 9, 29, 8, 0, 1, TimeSpan.Zero), response.Header.Date);
        var http = HttpMessage.TryParseResponse(response.Block!)!;
        Assert.Equal(200, http.Status);
        Assert.Equal("text/html; charset=utf-8", http["content-type"]);
        Assert.Equal(916, response.Block!.Length - http.BodyOffset);
    }

    [Fact]
    public void Plain_and_gzip_per_record_files_read_the_same()
    {
        var warc = new RawWarc()
            .Record("warcinfo", null, "software: test\r\n"u8.ToArray(), "2020-01-01T00:00:00Z", null, ["Content-Type: application/warc-fields"])
            .Response("http://a.example.org/one", RawWarc.HttpResponse("HTTP/1.1 200 OK\nContent-Type: text/html\n", Html))
            .Response("http://a.example.org/two", RawWarc.HttpResponse("HTTP/1.1 404 Not Found\n", "gone"));

        var plain = WarcReader.Read(new MemoryStream(warc.Plain())).ToList();
        var gzip = WarcReader.Read(new MemoryStream(warc.GzipPerRecord())).ToList();

        Assert.Equal(3, plain.Count);
        Assert.Equal(plain.Select(r => (r.Header.Type, r.Header.TargetUri, Convert.ToHexString(r.Block!))),
            gzip.Select(r => (r.Header.Type, r.Header.TargetUri, Convert.ToHexString(r.Block!))));
        Assert.All(gzip, r => Assert.Equal(0, r.Position.Index));
        Assert.Equal(3, gzip.Select(r => r.Position.Offset).Distinct().Count());
    }

    [Fact]
    public void Gzip_member_offsets_point_at_each_record_and_read_back()
    {
        using var folder = new TempFolder();
        var warc = new RawWarc();
        for (int i = 0; i < 40; i++)
        {
            // Big, barely compressible bodies make members longer than any read-ahead buffer.
            var body = new byte[30_000 + (i * 997)];
            new Random(i).NextBytes(body);
            warc.Response($"https://big.example.org/{i}", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", body));
        }

        var path = warc.Save(folder.File("big.warc.gz"), gzip: true);
        var index = WarcReader.Read(path, static _ => false).ToList();
        Assert.Equal(40, index.Count);
        Assert.Equal(0, index[0].Position.Offset);
        Assert.All(index, r => Assert.Equal(0, r.Position.Index));
        foreach (int i in new[] { 0, 17, 39 })
        {
            var again = WarcReader.ReadAt(path, index[i].Position);
            Assert.Equal($"https://big.example.org/{i}", again.Header.TargetUri);
            Assert.Equal(30_000 + (i * 997), again.Block!.Length - HttpMessage.TryParseResponse(again.Block)!.BodyOffset);
        }

        Assert.True(index.Zip(index.Skip(1)).All(p => p.First.Position.Offset < p.Second.Position.Offset));
    }

    [Fact]
    public void Plain_file_offsets_read_back()
    {
        using var folder = new TempFolder();
        var path = new RawWarc()
            .Response("http://a.example.org/1", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", "first"))
            .Response("http://a.example.org/2", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", "second"))
            .Save(folder.File("p.warc"), gzip: false);
        var second = WarcReader.Read(path, static _ => false).Last();
        var again = WarcReader.ReadAt(path, second.Position);
        Assert.EndsWith("second", Encoding.ASCII.GetString(again.Block!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_file_compressed_as_one_member_still_reads()
    {
        var warc = new RawWarc()
            .Response("http://a.example.org/1", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", "first"))
            .Response("http://a.example.org/2", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", "second"));
        var records = WarcReader.Read(new MemoryStream(RawWarc.Gzip(warc.Plain()))).ToList();
        Assert.Equal(["http://a.example.org/1", "http://a.example.org/2"], records.Select(r => r.Header.TargetUri));
        Assert.Equal([0, 1], records.Select(r => r.Position.Index));
    }

    [Fact]
    public void A_truncated_record_is_a_format_error_naming_the_offset()
    {
        var bytes = new RawWarc().Response("http://a.example.org/1", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", Html)).Plain();
        var cut = bytes[..(bytes.Length - 40)];
        var error = Assert.Throws<WarcFormatException>(() => WarcReader.Read(new MemoryStream(cut)).ToList());
        Assert.Contains("offset 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunked_bodies_are_joined()
    {
        var chunked = "5\r\n<html\r\n17;ext=1\r\n><head><title>x</title>\r\n0\r\n\r\n";
        var body = HttpBody.Decode(Encoding.ASCII.GetBytes(chunked), "chunked", null);
        Assert.Equal("<html><head><title>x</title>", Encoding.ASCII.GetString(body));
    }

    [Fact]
    public void A_body_said_to_be_chunked_but_stored_joined_is_kept_as_it_is()
    {
        var body = HttpBody.Decode(Encoding.ASCII.GetBytes(Html), "chunked", null);
        Assert.Equal(Html, Encoding.ASCII.GetString(body));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public void Content_encodings_are_undone(string coding)
    {
        var plain = Encoding.UTF8.GetBytes(Html);
        using var packed = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "gzip" => new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(packed, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            encoder.Write(plain);
        }

        Assert.Equal(Html, Encoding.UTF8.GetString(HttpBody.Decode(packed.ToArray(), null, coding)));
    }

    [Fact]
    public void Chunked_and_gzipped_together_are_both_undone()
    {
        var packed = RawWarc.Gzip(Encoding.UTF8.GetBytes(Html));
        var chunked = (byte[])[.. Encoding.ASCII.GetBytes($"{packed.Length:x}\r\n"), .. packed, .. "\r\n0\r\n\r\n"u8.ToArray()];
        Assert.Equal(Html, Encoding.UTF8.GetString(HttpBody.Decode(chunked, "chunked", "gzip")));
    }

    [Fact]
    public void Uri_keys_ignore_scheme_host_case_default_port_fragment_and_one_trailing_slash()
    {
        var key = WarcUri.Key("http://News.Example.org/story/");
        Assert.Equal(key, WarcUri.Key("https://news.example.org/story"));
        Assert.Equal(key, WarcUri.Key("https://news.example.org:443/story#top"));
        Assert.Equal(key, WarcUri.Key("<http://news.example.org:80/story/>"));
        Assert.NotEqual(key, WarcUri.Key("http://news.example.org/story/other"));
        Assert.NotEqual(key, WarcUri.Key("http://news.example.org/story?page=2"));
        Assert.Equal(WarcUri.Key("http://example.org/"), WarcUri.Key("https://example.org"));
    }
}
