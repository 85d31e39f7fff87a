using System.Text.Json;
using Dateline.Store;

namespace Dateline.Web.Tests;

/// <summary>The server's own reading of what the build stored.</summary>
public sealed class ArchiveQueriesTests
{
    [Fact]
    public void A_hits_entities_are_read_back_as_the_build_wrote_them()
    {
        JsonTopic[] stored =
        [
            new("Hong Kong", "news/entity/hong-kong"),
            new("\"Quoted\" <b>&</b> \\ \u00e9\U0001F600", "news/entity/quoted-b-b"),
            new("Abu Bakr al-Baghdadi", "news/entity/abu-bakr-al-baghdadi"),
        ];
        var json = JsonSerializer.SerializeToUtf8Bytes(stored, SiteJson.Options);

        var topics = SiteTables.Topics(json).Select(ArchiveQueries.Topic);

        Assert.Equal(
            [
                new TopicRef("Hong Kong", "hong-kong", "/news/entity/hong-kong.html"),
                new TopicRef("\"Quoted\" <b>&</b> \\ \u00e9\U0001F600", "quoted-b-b", "/news/entity/quoted-b-b.html"),
                new TopicRef("Abu Bakr al-Baghdadi", "abu-bakr-al-baghdadi", "/news/entity/abu-bakr-al-baghdadi.html"),
            ],
            topics);
    }
}
