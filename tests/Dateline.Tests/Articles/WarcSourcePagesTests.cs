using System.Text;
using Dateline.Articles;
using Dateline.Articles.Warc;
using Dateline.Tests.Support;

namespace Dateline.Tests.Articles;

public sealed class WarcSourcePagesTests
{
    private static readonly DateOnly EventDay = new(2019, 10, 3);

    private static string Html(string summary) => $"<html><head><meta property=\"og:description\" content=\"{summary}\"></head><body></body></html>";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Captures_are_found_across_scheme_and_trailing_slash(bool gzip)
    {
        using var folder = new TempFolder();
        var path = new RawWarc()
            .Response("https://www.example.org/news/quay/", RawWarc.HttpResponse("HTTP/1.1 200 OK\nContent-Type: text/html\n", Html("Quay rebuilt.")))
            .Save(folder.File(gzip ? "a.warc.gz" : "a.warc"), gzip);
        var pages = WarcSourcePages.Open([path]);

        var fetch = await pages.FetchAsync("http://www.example.org/news/quay", EventDay, CancellationToken.None);

        Assert.True(pages.Contains("HTTP://WWW.EXAMPLE.ORG/news/quay"));
        Assert.False(pages.Contains("http://www.example.org/news/quay/other"));
        var page = Assert.IsType<SourcePage>(fetch.Page);
        Assert.Equal("http://www.example.org/news/quay", page.RequestedUrl);
        Assert.Equal("https://www.example.org/news/quay/", page.FinalUrl);
        Assert.Equal("Quay rebuilt.", ArticleExtractor.Extract(page).Summary);
    }

    [Fact]
    public async Task Chunked_gzip_encoded_bodies_come_out_decoded()
    {
        using var folder = new TempFolder();
        var packed = RawWarc.Gzip(Encoding.UTF8.GetBytes(Html("Packed twice.")));
        byte[] body = [.. Encoding.ASCII.GetBytes($"{packed.Length:X}\r\n"), .. packed, .. "\r\n0\r\n\r\n"u8.ToArray()];
        var path = new RawWarc()
            .Response("http://p.example.org/", RawWarc.HttpResponse("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nContent-Encoding: gzip\nContent-Type: text/html\n", body))
            .Save(folder.File("p.warc.gz"), gzip: true);

        var page = (await WarcSourcePages.Open([path]).FetchAsync("http://p.example.org/", EventDay, CancellationToken.None)).Page!;

        Assert.Equal(Html("Packed twice."), Encoding.UTF8.GetString(page.Body));
    }

    [Fact]
    public async Task A_revisit_by_record_id_gives_the_earlier_payload_with_its_own_date()
    {
        using var folder = new TempFolder();
        const string original = "<urn:uuid:00000000-0000-0000-0000-000000000001>";
        var path = new RawWarc()
            .Response("http://r.example.org/a", RawWarc.HttpResponse("HTTP/1.1 200 OK\nContent-Type: text/html\n", Html("First capture.")), "2019-01-01T00:00:00Z", original)
            .Revisit("http://r.example.org/a", RawWarc.HttpResponse("HTTP/1.1 200 OK\nContent-Type: text/html\n", string.Empty), "2019-10-02T00:00:00Z",
                $"WARC-Refers-To: {original}", "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest")
            .Save(folder.File("r.warc"), gzip: false);

        var page = (await WarcSourcePages.Open([path]).FetchAsync("http://r.example.org/a", EventDay, CancellationToken.None)).Page!;

        Assert.Equal(new DateTimeOffset(2019, 10, 2, 0, 0, 0, TimeSpan.Zero), page.FetchedAt); // the revisit is nearer the event
        Assert.Equal("First capture.", ArticleExtractor.Extract(page).Summary);
    }

    [Fact]
    public async Task A_revisit_by_target_uri_and_date_or_by_payload_digest_resolves()
    {
        using var folder = new TempFolder();
        var body = Html("Digest match.");
        var digest = WarcDigest.Sha1(Encoding.UTF8.GetBytes(body));
        var warc = new RawWarc("WARC/1.1")
            .Response("http://d.example.org/x", RawWarc.HttpResponse("HTTP/1.1 200 OK\nContent-Type: text/html\n", body), "2019-01-01T00:00:00Z", null,
                $"WARC-Payload-Digest: {digest}")
            .Revisit("http://d.example.org/y", RawWarc.HttpResponse("HTTP/1.1 304 Not Modified\n", string.Empty), "2019-10-01T00:00:00Z",
                "WARC-Refers-To-Target-URI: https://d.example.org/x/", "WARC-Refers-To-Date: 2019-01-01T00:00:00Z")
            .Revisit("http://d.example.org/z", [], "2019-10-01T00:00:00Z", $"WARC-Payload-Digest: {digest.ToLowerInvariant()}");
        var path = warc.Save(folder.File("d.warc.gz"), gzip: true);
        var pages = WarcSourcePages.Open([path]);

        var byUri = (await pages.FetchAsync("http://d.example.org/y", EventDay, CancellationToken.None)).Page!;
        Assert.Equal(200, byUri.Status); // "not modified" takes the original's status
        Assert.Equal("Digest match.", ArticleExtractor.Extract(byUri).Summary);

        var byDigest = (await pages.FetchAsync("http://d.example.org/z", EventDay, CancellationToken.None)).Page!;
        Assert.Equal("Digest match.", ArticleExtractor.Extract(byDigest).Summary);
    }

    [Fact]
    public async Task The_capture_nearest_the_event_date_is_chosen_and_failures_are_passed_over()
    {
        using var folder = new TempFolder();
        var path = new RawWarc()
            .Response("http://n.example.org/", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", Html("Old.")), "2015-01-01T00:00:00Z")
            .Response("http://n.example.org/", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", Html("Near.")), "2019-10-05T00:00:00Z")
            .Response("http://n.example.org/", RawWarc.HttpResponse("HTTP/1.1 503 Service Unavailable\n", "busy"), "2019-10-03T12:00:00Z")
            .Save(folder.File("n.warc"), gzip: false);

        var page = (await WarcSourcePages.Open([path]).FetchAsync("http://n.example.org/", EventDay, CancellationToken.None)).Page!;

        Assert.Equal(200, page.Status);
        Assert.Equal("Near.", ArticleExtractor.Extract(page).Summary);
    }

    [Fact]
    public async Task Redirects_recorded_in_the_archive_are_followed()
    {
        using var folder = new TempFolder();
        var path = new RawWarc()
            .Response("http://old.example.org/s", RawWarc.HttpResponse("HTTP/1.1 301 Moved Permanently\nLocation: https://new.example.org/s\n", string.Empty))
            .Response("https://new.example.org/s", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", Html("Moved.")))
            .Save(folder.File("m.warc"), gzip: false);

        var page = (await WarcSourcePages.Open([path]).FetchAsync("http://old.example.org/s", EventDay, CancellationToken.None)).Page!;

        Assert.Equal("https://new.example.org/s", page.FinalUrl);
        Assert.Equal("Moved.", ArticleExtractor.Extract(page).Summary);
    }

    [Fact]
    public async Task A_page_written_by_the_writer_is_found_by_the_url_as_cited()
    {
        using var folder = new TempFolder();
        var path = folder.File("w.warc.gz");
        using (var writer = WarcWriter.Append(path))
        {
            writer.WriteExchange(new SourcePage("http://short.example.org/1", "https://long.example.org/article/1", 200, "text/html", [],
                Encoding.UTF8.GetBytes(Html("Written.")), DateTimeOffset.UnixEpoch));
        }

        var fetch = await WarcSourcePages.Open([path]).FetchAsync("http://short.example.org/1", EventDay, CancellationToken.None);

        Assert.Equal("Written.", ArticleExtractor.Extract(fetch.Page!).Summary);
    }

    [Fact]
    public async Task An_absent_url_is_a_failure()
    {
        using var folder = new TempFolder();
        var path = new RawWarc().Response("http://x.example.org/", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", "x")).Save(folder.File("x.warc"), false);
        var fetch = await WarcSourcePages.Open([path]).FetchAsync("http://y.example.org/", EventDay, CancellationToken.None);
        Assert.Null(fetch.Page);
        Assert.Contains("not in the web archives", fetch.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revisit_whose_original_is_missing_is_a_failure_that_says_so()
    {
        using var folder = new TempFolder();
        var path = new RawWarc()
            .Revisit("http://lost.example.org/", [], "2019-10-01T00:00:00Z", "WARC-Refers-To: <urn:uuid:00000000-0000-0000-0000-0000000000ff>")
            .Save(folder.File("lost.warc"), gzip: false);

        var fetch = await WarcSourcePages.Open([path]).FetchAsync("http://lost.example.org/", EventDay, CancellationToken.None);

        Assert.Null(fetch.Page);
        Assert.Contains("revisit of a record these files do not hold", fetch.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_files_are_indexed_together_and_the_first_given_wins_a_tie()
    {
        using var folder = new TempFolder();
        var first = new RawWarc()
            .Response("http://t.example.org/", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", Html("From the first file.")), "2019-10-03T12:00:00Z")
            .Save(folder.File("1.warc.gz"), gzip: true);
        var second = new RawWarc()
            .Response("http://t.example.org/", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", Html("From the second file.")), "2019-10-03T12:00:00Z")
            .Response("http://only2.example.org/", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", Html("Only here.")))
            .Save(folder.File("2.warc"), gzip: false);

        var pages = WarcSourcePages.Open([first, second]);

        Assert.Equal(3, pages.Captures);
        Assert.Equal("From the first file.", ArticleExtractor.Extract((await pages.FetchAsync("http://t.example.org/", EventDay, CancellationToken.None)).Page!).Summary);
        Assert.Equal("Only here.", ArticleExtractor.Extract((await pages.FetchAsync("https://only2.example.org", EventDay, CancellationToken.None)).Page!).Summary);
    }
}
