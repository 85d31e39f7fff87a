using System.Text.RegularExpressions;

using Dateline.Tests.Support;

namespace Dateline.Tests.Portal.RealPages;

/// <summary>
/// Properties every real day page of <c>../shared/real-portal/</c> must have (FORMAT.md, "What real pages hold"):
/// it parses, nothing a reader never sees is left in the text, no citation leaves punctuation behind, and the
/// events are exactly the bullets that are not stories, outside sections that are not news.
/// </summary>
public sealed partial class RealPagePropertiesTests
{
    public static TheoryData<string> Pages() => RealPortal.Files();

    [RealPortalTheory]
    [MemberData(nameof(Pages))]
    public void Every_page_parses_with_the_date_of_its_file_name(string file)
    {
        var page = RealPortal.Parse(file);
        Assert.Equal(RealPortal.DateOf(file), page.Date);
        Assert.All(page.Day.Events, e => Assert.Equal(page.Date, e.Date));
    }

    [RealPortalTheory]
    [MemberData(nameof(Pages))]
    public void No_headline_citation_label_or_story_title_holds_wikitext(string file)
    {
        var page = RealPortal.Parse(file);
        foreach (var e in page.Day.Events)
        {
            RealPortal.AssertNoWikitext($"{file}:{e.Line} headline", e.Headline);
            foreach (var c in e.Citations)
            {
                RealPortal.AssertNoWikitext($"{file}:{e.Line} citation label", c.Label);
            }

            foreach (var s in e.Stories)
            {
                RealPortal.AssertNoWikitext($"{file}:{e.Line} story", s);
            }
        }
    }

    [RealPortalTheory]
    [MemberData(nameof(Pages))]
    public void No_headline_ends_with_a_comma_or_semicolon_a_citation_left_behind(string file)
    {
        var page = RealPortal.Parse(file);
        foreach (var e in page.Day.Events)
        {
            var end = e.Headline.TrimEnd(' ');
            Assert.False(end.EndsWith(',') || end.EndsWith(';'), $"{file}:{e.Line} headline ends with punctuation a citation left: «…{Tail(e.Headline)}»");
        }
    }

    [RealPortalTheory]
    [MemberData(nameof(Pages))]
    public void No_story_title_ends_with_a_colon(string file)
    {
        var page = RealPortal.Parse(file);
        foreach (var e in page.Day.Events)
        {
            foreach (var s in e.Stories)
            {
                Assert.False(s.TrimEnd().EndsWith(':'), $"{file}:{e.Line} story «{s}» ends with a colon");
            }
        }
    }

    [RealPortalTheory]
    [MemberData(nameof(Pages))]
    public void The_events_are_the_bullets_that_are_not_stories_outside_sections_that_are_not_news(string file)
    {
        var page = RealPortal.Parse(file);
        var expected = EventBulletLines(RealPortal.Text(file));
        var actual = page.Day.Events.Select(e => e.Line).ToList();
        Assert.True(expected.Count == actual.Count,
            $"{file}: {expected.Count} event bullets (lines {string.Join(' ', expected)}), the parser gives {actual.Count} events (lines {string.Join(' ', actual)})");
    }

    private static string Tail(string s) => s.Length <= 30 ? s : s[^30..];

    /// <summary>
    /// The lines (from 1) of the bullets that are events, by a reading of the lines kept small and separate from
    /// the parser's on purpose.
    /// </summary>
    internal static List<int> EventBulletLines(string wikitext)
    {
        var lines = wikitext.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

        // The news items stand between the line holding the "below" marker and the next line holding the
        // "above" marker; anything on those two lines is the Portal's frame, not a bullet.
        var below = Array.FindIndex(lines, l => l.Contains("All news items below this line", StringComparison.Ordinal));
        var above = Array.FindIndex(lines, below + 1, l => l.Contains("All news items above this line", StringComparison.Ordinal));
        Assert.True(below >= 0 && above > below, "the markers are there, below before above");

        var events = new List<int>();
        var notNews = false;
        for (var i = below + 1; i < above; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();

            // A heading is a line of bold text ('''Sports''') or a definition line (;Sports). A heading that
            // begins with "Holidays" or "Observances" opens a section that is not news, until the next heading.
            if (trimmed.StartsWith("'''", StringComparison.Ordinal) || trimmed.StartsWith(';'))
            {
                var name = Link().Replace(trimmed.Trim(';', '\'', ' '), "$1").TrimStart();
                notNews = name.StartsWith("Holidays", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Observances", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            // A bullet is a line that begins with stars. "*:" is a continuation line, not a bullet
            // (and a line beginning with ":" is not one either, since it has no star).
            var depth = Depth(line);
            if (depth == 0 || line[depth..].StartsWith(':'))
            {
                continue;
            }

            // An empty bullet (only spaces or a comment after the stars) is nothing.
            if (Comment().Replace(line[depth..], "").Trim().Length == 0)
            {
                continue;
            }

            // Bullets in a section that is not news hold no events.
            if (notNews)
            {
                continue;
            }

            // A story bullet: the next bullet (past continuation lines, blank lines and comment lines) is
            // deeper, and the bullet has no citation "[http…]" of its own. Every other bullet is an event.
            var next = i + 1;
            while (next < above && (IsContinuation(lines[next]) || Comment().Replace(lines[next], "").Trim().Length == 0))
            {
                next++;
            }

            var hasDeeper = next < above && Depth(lines[next]) > depth;
            var cited = line.Contains("[http", StringComparison.OrdinalIgnoreCase);
            if (hasDeeper && !cited)
            {
                continue;
            }

            events.Add(i + 1);
        }

        return events;
    }

    private static int Depth(string line)
    {
        var n = 0;
        while (n < line.Length && line[n] == '*')
        {
            n++;
        }

        return n;
    }

    private static bool IsContinuation(string line) =>
        line.StartsWith(':') || (Depth(line) > 0 && line[Depth(line)..].StartsWith(':'));

    [GeneratedRegex(@"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")]
    private static partial Regex Link();

    [GeneratedRegex(@"<!--.*?-->")]
    private static partial Regex Comment();

    [Fact]
    public void The_bullet_count_of_this_test_reads_a_small_page_as_meant()
    {
        var text = string.Join('\n',
            "<!-- All news items below this line -->",
            "'''Armed conflicts'''",
            "*[[Story]]",
            "**Event one. [http://a (A)]",
            "*:continued",
            "*Cited with children. [http://b (B)]",
            "**Child event.",
            "*",
            "*Plain event.",
            "'''Holidays and observances'''",
            "*[[Some holiday]]",
            "**A holiday note.",
            "'''Sports'''",
            "*Last event.",
            "<!-- All news items above this line -->");
        Assert.Equal([4, 6, 7, 9, 14], EventBulletLines(text));
    }

    [Fact]
    public void Member_data_does_not_throw_when_the_folder_is_absent_or_present()
    {
        Assert.NotEmpty(Pages());
    }
}
