using Dateline.Model;
using Dateline.Portal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dateline.Tests.Portal;

/// <summary>
/// Model-based: pages written from known events (words, links with pipes and trails,
/// citations, stories) read back as those events, in all three layouts.
/// </summary>
public sealed class DayPageModelTests
{
    /// <summary>A piece of a bullet: its wikitext, what a reader sees, and the entity it links, if any.</summary>
    private sealed record Piece(string Wikitext, string Shown, string? Entity);

    private sealed record Citing(string Wikitext, Citation Citation);

    private sealed record Bullet(Piece[] Pieces, Citing[] Citations)
    {
        public string Wikitext => string.Join(' ', Pieces.Select(p => p.Wikitext)) + string.Concat(Citations.Select(c => " " + c.Wikitext));

        public string Shown => string.Join(' ', Pieces.Select(p => p.Shown)) + (Citations.Length > 0 ? " " : string.Empty);

        public List<string> Entities => [.. Pieces.Select(p => p.Entity).OfType<string>().Distinct()];
    }

    private sealed record Story(Bullet Head, Bullet[] Events);

    private static readonly string[] Words = ["Spain", "police", "seize", "ballot", "papers", "2–1", "\"crusaders\"", "(AP)", "U.S.", "al-Nuri", "it's", "Zürich", "100%", "x"];

    private static readonly (string Target, string Entity)[] Targets =
    [
        ("Syrian Civil War", "Syrian Civil War"), ("caliphate", "Caliphate"), ("Islamic_State", "Islamic State"),
        ("Deir ez-Zor#History", "Deir ez-Zor"), ("Paris, Texas", "Paris, Texas"), ("Mercury (planet)", "Mercury (planet)"), ("Israel", "Israel"),
    ];

    private static Gen<Piece> PieceGen =>
        Gen.OneOf(
            Gen.Elements(Words).Select(w => new Piece(w, w, null)),
            from target in Gen.Elements(Targets)
            from form in Gen.Choose(0, 3)
            from trail in Gen.Elements("", "", "i", "s", "ian")
            select form switch
            {
                0 => new Piece($"[[{target.Target}]]{trail}", target.Target + trail, target.Entity),
                1 => new Piece($"[[{target.Target}|the ''place'']]{trail}", "the place" + trail, target.Entity),
                2 => new Piece($"[[{target.Target}|]]", PipeTrick(target.Target), target.Entity),
                _ => new Piece($"[[File:{target.Target}.jpg|thumb|[[{target.Target}]]]]{trail}", trail, null),
            });

    private static string PipeTrick(string target)
    {
        var shown = target;
        int paren = shown.IndexOf(" (", StringComparison.Ordinal);
        shown = paren > 0 ? shown[..paren] : shown;
        int comma = shown.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 ? shown[..comma] : shown;
    }

    private static Gen<Citing> CitingGen =>
        from n in Gen.Choose(1, 999)
        from label in Gen.Elements(("(Reuters)", "Reuters"), ("(''Al Jazeera'')", "Al Jazeera"), ("BBC News", "BBC News"), ("('''AP''')", "AP"))
        select new Citing($"[https://news.example/{n} {label.Item1}]", new Citation(label.Item2, $"https://news.example/{n}"));

    private static Gen<Bullet> BulletGen(int maxCitations) =>
        from pieces in PieceGen.NonEmptyListOf()
        from citations in Gen.Choose(0, maxCitations).SelectMany(n => CitingGen.ArrayOf(n))
        where pieces.Any(p => p.Shown.Length > 0)
        select new Bullet([.. pieces], citations);

    private static Gen<Story> StoryGen =>
        from head in BulletGen(0)
        from events in Gen.Choose(0, 3).SelectMany(n => BulletGen(3).ArrayOf(n))
        select new Story(head, events);

    [Property(MaxTest = 200)]
    public Property Pages_written_from_events_read_back_as_those_events() =>
        Prop.ForAll(Gen.Zip(StoryGen.NonEmptyListOf(), Gen.Choose(0, 2)).ToArbitrary(), t =>
        {
            var (stories, layout) = t;
            var lines = new List<string> { "'''Armed conflicts and attacks'''" };
            var expected = new List<(string Headline, List<string> Stories, List<string> Entities, Citation[] Citations)>();
            foreach (var story in stories)
            {
                if (story.Events.Length == 0)
                {
                    // A bullet with nothing under it is an event, whatever it looks like.
                    lines.Add("*" + story.Head.Wikitext);
                    expected.Add((story.Head.Shown, [], story.Head.Entities, []));
                    continue;
                }

                lines.Add("*" + story.Head.Wikitext);
                foreach (var item in story.Events)
                {
                    lines.Add("**" + item.Wikitext);
                    var entities = item.Entities.Distinct().ToList(); // the story's links name its story, not its entities
                    expected.Add((item.Shown, [story.Head.Shown.TrimEnd()], entities, [.. item.Citations.Select(c => c.Citation)]));
                }
            }

            var items = string.Join('\n', lines);
            var text = layout switch
            {
                0 => DayPageParserTests.HeaderTable(items),
                1 => DayPageParserTests.TemplateContent(items),
                _ => DayPageParserTests.Sandwich(items),
            };
            var page = DayPageParser.Parse(text);
            Assert.Equal(expected.Count, page.Day.Events.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                var actual = page.Day.Events[i];
                Assert.Equal(FoldedStart(expected[i].Headline), actual.Headline);
                Assert.Equal(expected[i].Stories.Select(FoldedStart), actual.Stories);
                Assert.Equal(expected[i].Entities, actual.Entities);
                Assert.Equal(expected[i].Citations, actual.Citations);
                Assert.Equal("Armed conflicts and attacks", actual.Category);
            }
        });

    /// <summary>Pieces that show nothing (a File link) leave runs of spaces: folded, start trimmed.</summary>
    private static string FoldedStart(string text)
    {
        var folded = System.Text.RegularExpressions.Regex.Replace(text, " {2,}", " ");
        return folded.TrimStart();
    }
}
