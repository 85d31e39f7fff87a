using Dateline.Model;

namespace Dateline.Tests.Model;

/// <summary>Two readings of a day compared by content, event by event.</summary>
public sealed class EventComparisonTests
{
    private static readonly DateOnly Day = new(2017, 9, 28);

    private static Event Item(int position, string headline, params string[] entities) =>
        new(Day, position, "Armed conflicts and attacks", ["Syrian Civil War"], headline, [.. entities], [new Citation("Reuters", $"https://news.example/{headline.Length}")], position + 3)
        {
            StoryTitles = ["Syrian Civil War"],
        };

    [Fact]
    public void Readings_with_equal_content_in_new_lists_are_the_same()
    {
        Event[] before = [Item(1, "A", "Raqqa"), Item(2, "B")];
        Event[] after = [Item(1, "A", "Raqqa"), Item(2, "B") with { Line = 40 }]; // other lists, another line

        Assert.True(EventComparison.Compare(before, after).None);
    }

    [Fact]
    public void An_event_missed_by_the_older_reading_is_added_and_those_it_pushed_down_are_changed()
    {
        Event[] before = [Item(1, "A"), Item(2, "C"), Item(3, "D"), Item(4, "E")];
        Event[] after = [Item(1, "A"), Item(2, "B"), Item(3, "C"), Item(4, "D"), Item(5, "E")];

        Assert.Equal(new EventDifference(1, 0, 3), EventComparison.Compare(before, after));
    }

    [Fact]
    public void Each_field_counts_and_unpaired_events_are_removed()
    {
        var a = Item(1, "A", "Raqqa");
        Event[] before = [a, Item(2, "B"), Item(3, "C"), Item(4, "Holiday note"), Item(5, "Another note")];
        Event[] after =
        [
            a with { Entities = ["Raqqa", "Islamic State"] },
            Item(2, "B") with { StoryTitles = ["Syrian civil war"] },
            Item(3, "C") with { Citations = [new Citation("BBC", "https://news.example/1")] },
        ];

        Assert.Equal(new EventDifference(0, 2, 3), EventComparison.Compare(before, after));
        Assert.Equal(new EventDifference(0, 0, 1), EventComparison.Compare([a], [a with { Category = "Politics and elections" }]));
        Assert.Equal(new EventDifference(0, 0, 1), EventComparison.Compare([a], [a with { Stories = ["Syrian Civil War", "Raqqa campaign"] }]));
        Assert.Equal(new EventDifference(0, 0, 1), EventComparison.Compare([a], [a with { Headline = "A." }]));
        Assert.Equal(new EventDifference(2, 0, 0), EventComparison.Compare([], [a, Item(2, "B")]));
    }
}
