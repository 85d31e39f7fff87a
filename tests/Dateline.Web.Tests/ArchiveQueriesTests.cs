using System.Text.Json;
using Dateline.Publishing;

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

        var topics = ArchiveQueries.Topics(json);

        Assert.Equal(
            [
                new TopicRef("Hong Kong", "hong-kong", "/news/entity/hong-kong.html"),
                new TopicRef("\"Quoted\" <b>&</b> \\ \u00e9\U0001F600", "quoted-b-b", "/news/entity/quoted-b-b.html"),
                new TopicRef("Abu Bakr al-Baghdadi", "abu-bakr-al-baghdadi", "/news/entity/abu-bakr-al-baghdadi.html"),
            ],
            topics);
        Assert.Empty(ArchiveQueries.Topics("[]"u8));
        Assert.Throws<JsonException>(() => ArchiveQueries.Topics("{\"title\":\"x\"}"u8));
        Assert.Throws<JsonException>(() => ArchiveQueries.Topics("[{\"page\":\"news/entity/x\"}]"u8));
    }

    [Fact]
    public void Related_ids_are_read_as_written_now_and_as_written_before()
    {
        Assert.Equal([12L, 7L, 300L], ArchiveQueries.RelatedIds("[12,7,300]"));
        Assert.Equal([12L, 7L], ArchiveQueries.RelatedIds("[{\"id\":12,\"context\":[\"A\"]},{\"id\":7,\"context\":[]}]"));
        Assert.Empty(ArchiveQueries.RelatedIds("[]"));
    }
}
