using System.Text;
using Dateline.Articles.Web;

namespace Dateline.Tests.Articles.Web;

public sealed class WaybackLookupTests
{
    [Fact]
    public void Asks_for_the_url_escaped_and_the_event_date()
    {
        var query = WaybackLookup.QueryFor(new Uri("https://archive.test/wayback/available"), "http://news.example/a b?x=1&y=2", new DateOnly(2019, 3, 7));
        Assert.Equal("https://archive.test/wayback/available?url=http%3A%2F%2Fnews.example%2Fa%20b%3Fx%3D1%26y%3D2&timestamp=20190307", query.AbsoluteUri);
    }

    [Fact]
    public void Keeps_an_endpoint_query()
    {
        var query = WaybackLookup.QueryFor(new Uri("https://archive.test/available?key=k"), "http://a.example/", new DateOnly(2019, 3, 7));
        Assert.Equal("?key=k&url=http%3A%2F%2Fa.example%2F&timestamp=20190307", query.Query);
    }

    [Fact]
    public void Reads_the_closest_snapshot()
    {
        var snapshot = WaybackLookup.Closest("""
            {"url": "example.com", "archived_snapshots": {"closest": {"status": "200", "available": true,
             "url": "http://web.archive.test/web/20130919044612/http://example.com/", "timestamp": "20130919044612"}}}
            """u8);
        Assert.NotNull(snapshot);
        Assert.Equal("http://web.archive.test/web/20130919044612/http://example.com/", snapshot.Url.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2013, 9, 19, 4, 46, 12, TimeSpan.Zero), snapshot.CapturedAt);
    }

    [Theory]
    [InlineData("""{"archived_snapshots": {}}""")]
    [InlineData("""{"archived_snapshots": {"closest": {"available": false, "url": "http://w.test/x", "status": "200"}}}""")]
    [InlineData("""{"archived_snapshots": {"closest": {"available": true, "url": "http://w.test/x", "status": "404"}}}""")]
    [InlineData("""{"archived_snapshots": {"closest": {"available": true, "url": "file:///etc/passwd", "status": "200"}}}""")]
    [InlineData("""{"archived_snapshots": {"closest": {"available": true}}}""")]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    public void Finds_nothing_in_an_empty_unusable_or_broken_answer(string json) =>
        Assert.Null(WaybackLookup.Closest(Encoding.UTF8.GetBytes(json)));
}
