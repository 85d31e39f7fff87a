using Dateline.Model;

namespace Dateline.Portal;

/// <summary>
/// Reads the lines between the news-items markers: category headings, story bullets and events
/// (FORMAT.md). A bullet with deeper bullets under it and no citation of its own is a story;
/// every other bullet is an event. Continuation lines (<c>*:</c>, <c>:</c>) belong to the bullet
/// above; sections headed "Holidays…" or "Observances…" hold no news.
/// </summary>
internal sealed class BulletReader(DateOnly date)
{
    private static readonly string[] NonNewsHeadings = ["Holidays", "Observances"];

    private readonly record struct Bullet(int Depth, string Content, int Line);

    private readonly record struct Story(int Depth, string Text, IReadOnlyList<string> Titles);

    public List<Event> Read(MappedText text)
    {
        var events = new List<Event>();
        var items = Items(text);
        string category = string.Empty;
        bool news = true;
        var stories = new List<Story>();

        for (int index = 0; index < items.Count; index++)
        {
            var (heading, bullet) = items[index];
            if (heading is not null)
            {
                category = heading;
                news = !NonNewsHeadings.Any(h => heading.StartsWith(h, StringComparison.OrdinalIgnoreCase));
                stories.Clear();
                continue;
            }

            if (!news)
            {
                continue;
            }

            while (stories.Count > 0 && stories[^1].Depth >= bullet.Depth)
            {
                stories.RemoveAt(stories.Count - 1);
            }

            var inline = InlineParser.Parse(bullet.Content);
            if (inline.Citations.Count == 0 && NextBulletDepth(items, index) > bullet.Depth)
            {
                var storyText = InlineParser.FoldWhiteSpace(inline.Text).Trim().TrimEnd(':').TrimEnd();
                IReadOnlyList<string> titles = inline.Entities.Count > 0 ? inline.Entities : storyText.Length > 0 ? [storyText] : [];
                stories.Add(new Story(bullet.Depth, storyText, titles));
                continue;
            }

            var headline = InlineParser.FoldWhiteSpace(inline.Text);
            if (headline.Length == 0 && inline.Entities.Count == 0 && inline.Citations.Count == 0)
            {
                continue; // an empty bullet
            }

            events.Add(new Event(
                date,
                events.Count + 1,
                category,
                [.. stories.Where(s => s.Text.Length > 0).Select(s => s.Text)],
                headline,
                inline.Entities,
                inline.Citations,
                bullet.Line)
            {
                StoryTitles = StoryTitlesOf(stories),
            });
        }

        return events;
    }

    private static IReadOnlyList<string> StoryTitlesOf(List<Story> stories)
    {
        if (stories.Count == 0)
        {
            return [];
        }

        if (stories.Count == 1)
        {
            return stories[0].Titles;
        }

        var titles = new List<string>();
        foreach (var story in stories)
        {
            foreach (var title in story.Titles)
            {
                if (!titles.Contains(title))
                {
                    titles.Add(title);
                }
            }
        }

        return titles;
    }

    /// <summary>The headings and bullets in page order, each bullet with its continuation lines appended.</summary>
    private static List<(string? Heading, Bullet Bullet)> Items(MappedText text)
    {
        var items = new List<(string?, Bullet)>();
        var lines = text.Text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (TryReadHeading(line, out var heading))
            {
                items.Add((heading, default));
            }
            else if (TryReadContinuation(line, out var more))
            {
                if (items.Count > 0 && items[^1].Item1 is null)
                {
                    var above = items[^1].Item2;
                    items[^1] = (null, above with { Content = above.Content + " " + more });
                }
            }
            else if (TryReadBullet(line, text.OriginOf(index), out var bullet))
            {
                items.Add((null, bullet));
            }

            // Blank lines and stray text between bullets are not news items.
        }

        return items;
    }

    /// <summary><c>'''Armed conflicts and attacks'''</c>, or on older pages <c>;Armed conflicts and attacks</c>.</summary>
    private static bool TryReadHeading(string line, out string heading)
    {
        heading = string.Empty;
        var trimmed = line.AsSpan().Trim();
        if (trimmed.StartsWith(';'))
        {
            heading = InlineParser.PlainText(trimmed[1..].ToString());
            return heading.Length > 0;
        }

        if (trimmed.Length > 6 && trimmed.StartsWith("'''") && trimmed.EndsWith("'''"))
        {
            heading = InlineParser.PlainText(trimmed.ToString());
            return heading.Length > 0;
        }

        return false;
    }

    /// <summary><c>*: more</c> or <c>: more</c>: text that carries on the bullet above.</summary>
    private static bool TryReadContinuation(string line, out string more)
    {
        int at = 0;
        while (at < line.Length && line[at] == '*')
        {
            at++;
        }

        if (at < line.Length && line[at] == ':')
        {
            more = line[at..].TrimStart(':');
            return true;
        }

        more = string.Empty;
        return false;
    }

    private static bool TryReadBullet(string line, int sourceLine, out Bullet bullet)
    {
        int depth = 0;
        while (depth < line.Length && line[depth] == '*')
        {
            depth++;
        }

        bullet = new Bullet(depth, line[depth..], sourceLine);
        return depth > 0;
    }

    private static int NextBulletDepth(List<(string? Heading, Bullet Bullet)> items, int index) =>
        index + 1 < items.Count && items[index + 1].Heading is null ? items[index + 1].Bullet.Depth : 0;
}
