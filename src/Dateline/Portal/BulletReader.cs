using Dateline.Model;

namespace Dateline.Portal;

/// <summary>
/// Reads the lines between the news-items markers: category headings, story bullets and events.
/// A bullet with deeper bullets under it is a story; one with none is an event.
/// </summary>
internal sealed class BulletReader(DateOnly date)
{
    private readonly record struct Bullet(int Depth, string Content, int Line);

    private readonly record struct Story(int Depth, string Text, IReadOnlyList<string> Entities);

    public List<Event> Read(MappedText text)
    {
        var events = new List<Event>();
        var lines = text.Text.Split('\n');
        string category = string.Empty;
        var stories = new List<Story>();

        for (int index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (TryReadHeading(line, out var heading))
            {
                category = heading;
                stories.Clear();
                continue;
            }

            if (!TryReadBullet(line, text.OriginOf(index), out var bullet))
            {
                continue; // blank lines and stray text between bullets are not news items
            }

            while (stories.Count > 0 && stories[^1].Depth >= bullet.Depth)
            {
                stories.RemoveAt(stories.Count - 1);
            }

            var inline = InlineParser.Parse(bullet.Content);
            if (NextBulletDepth(lines, index) > bullet.Depth)
            {
                stories.Add(new Story(bullet.Depth, InlineParser.FoldWhiteSpace(inline.Text).Trim(), inline.Entities));
                continue;
            }

            var headline = InlineParser.FoldWhiteSpace(inline.Text);
            if (headline.Length == 0 && inline.Entities.Count == 0 && inline.Citations.Count == 0)
            {
                continue; // an empty bullet
            }

            var entities = new List<string>(inline.Entities);
            foreach (var story in stories)
            {
                foreach (var entity in story.Entities)
                {
                    if (!entities.Contains(entity))
                    {
                        entities.Add(entity);
                    }
                }
            }

            events.Add(new Event(
                date,
                events.Count + 1,
                category,
                [.. stories.Select(s => s.Text)],
                headline,
                entities,
                inline.Citations,
                bullet.Line));
        }

        return events;
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

    private static int NextBulletDepth(string[] lines, int index)
    {
        for (int next = index + 1; next < lines.Length; next++)
        {
            var line = lines[next].TrimEnd('\r');
            if (TryReadHeading(line, out _))
            {
                return 0;
            }

            if (TryReadBullet(line, 0, out var bullet))
            {
                return bullet.Depth;
            }
        }

        return 0;
    }
}
