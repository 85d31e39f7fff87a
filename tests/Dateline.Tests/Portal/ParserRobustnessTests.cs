using System.Text;
using Dateline.Building;
using Dateline.Portal;
using Dateline.Store;
using Dateline.Tests.Support;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;

namespace Dateline.Tests.Portal;

/// <summary>
/// Hostile and broken day pages: the parser either reads them or throws
/// <see cref="DayPageException"/>, never anything else, and never hangs; and no headline can
/// lead the published archive out of its folder.
/// </summary>
public sealed class ParserRobustnessTests
{
    /// <summary>A hang detector, not a timing assertion: linear work on these inputs takes well under a second.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    private const string Below = "<!-- All news items below this line -->";
    private const string Above = "<!-- All news items above this line -->";

    private const string RichItems =
        "'''Armed conflicts and attacks'''\n" +
        "*[[Syrian Civil War]]\n" +
        "**[[Siege of Deir ez-Zor (2014–2017)|Siege]] of [[Deir_ez-Zor]]\n" +
        "***The [[Syrian Army]] breaks the siege.<ref name=a/> [https://x.example/a (''Reuters'')] [http://y.example/b AP]\n" +
        "**[[Israel]]i jets strike {{nowrap|{{a|b}}}} a [[File:x.jpg|thumb|[[Damascus]]]] depot. <!-- note\nover lines -->\n" +
        ";Sports\n" +
        "*In [[association football]], [[Paris, Texas|]] &amp; [[caliphate]] {{cite\n|x=1}} win. [http://z.example/c]\n" +
        "*<small>Small</small> '''bold''' ''it'' [[fr:Paris]] [[Category:X]]<ref>r\n</ref> end.";

    private static readonly string[] Layouts =
    [
        DayPageParserTests.HeaderTable(RichItems),
        DayPageParserTests.TemplateContent(RichItems),
        DayPageParserTests.Sandwich(RichItems),
    ];

    /// <summary>Parses on a worker with the hang guard; returns the page, or null when the page was rejected.</summary>
    private static DayPage? ParseGuarded(string text, DateOnly? expected = null)
    {
        var task = Task.Run(() => DayPageParser.Parse(text, expected));
        try
        {
            Assert.True(task.Wait(Guard), $"the parser did not finish within {Guard.TotalSeconds} s on a page of {text.Length:N0} characters");
        }
        catch (AggregateException e) when (e.InnerException is DayPageException)
        {
            var rejected = (DayPageException)e.InnerException;
            Assert.InRange(rejected.Line, 1, text.AsSpan().Count('\n') + 1);
            Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
            return null;
        }

        // Any other exception has surfaced from Wait as the failure of the test.
        AssertWellFormed(task.Result);
        return task.Result;
    }

    /// <summary>What every parsed page promises, whatever its input.</summary>
    private static void AssertWellFormed(DayPage page)
    {
        for (int i = 0; i < page.Day.Events.Count; i++)
        {
            var item = page.Day.Events[i];
            Assert.Equal(i + 1, item.Position);
            Assert.Equal(page.Date, item.Date);
            Assert.DoesNotContain('\n', item.Headline);
            Assert.False(item.Headline.Length > 0 && char.IsWhiteSpace(item.Headline[0]), "a headline starts with white space");
            int unfolded = -1;
            for (int c = 0; c < item.Headline.Length && unfolded < 0; c++)
            {
                bool space = char.IsWhiteSpace(item.Headline[c]);
                if (space && (item.Headline[c] != ' ' || (c > 0 && char.IsWhiteSpace(item.Headline[c - 1]))))
                {
                    unfolded = c;
                }
            }

            Assert.True(unfolded < 0, $"white space not folded to one ' ' at {unfolded} of event {item.Position}");
            Assert.Equal(item.Entities.Count, item.Entities.Distinct(StringComparer.Ordinal).Count());
            foreach (var entity in item.Entities)
            {
                Assert.Equal(entity, Dateline.Model.Entity.NormalizeTitle(entity));
                Assert.NotEqual(string.Empty, entity);
            }

            Assert.All(item.Citations, c => Assert.NotEqual(string.Empty, c.Url));
            Assert.All(item.Stories, s => Assert.DoesNotContain('\n', s));
        }
    }

    // ---- properties ----------------------------------------------------------------------------

    private static readonly string[] Tokens =
    [
        "{{", "}}", "{{{", "[[", "]]", "[", "]", "|", "||", "<!--", "-->", "<ref>", "</ref>", "<ref name=x/>", "<ref name=\"y\">", "'''", "''", "'",
        "*", "**", "***", "****", ";", ":", "\n", "\n", "\n*", "\n**", " ", "  ", "\t", "\r", "\r\n", "http://", "https://x.example/a", "[http://x.example ",
        "[//x.example (X)]", "&amp;", "&", "&#", "&#x1F600;", "&nbsp;", "#", "File:", "Category:", "fr:", "a", "Z", "é", "ß", "\0", "\ud800", "\udc00", "😀",
        "<", ">", "/>", "<small>", "</small>", "<sup", "=", "year=", "month=", "day=", "2017", "09", "28", "0", "99", "content=", "top=yes", "bottom=yes",
        Below, Above, "{{Current events|year=2017|month=09|day=28|content=", "{{Current events header|2014|06|29}}",
        "{{Current events|year=2026|month=08|day=2|top=yes}}", "{{Current events|", "{{Current events header|", "'''Sports'''", ";Sports",
        "[[Israel]]i", "[[a|b]]", "[[a|]]", "[[:a]]", "[[#s]]", "[[File:x|[[y]]]]", "{{a|{{b}}}}",
    ];

    private static Gen<string> WikiText =>
        Gen.Elements(Tokens).ListOf().Select(parts => string.Concat(parts));

    [Property(MaxTest = 300)]
    public Property Random_wikitext_is_read_or_rejected_with_a_DayPageException() =>
        Prop.ForAll(WikiText.ToArbitrary(), text => { ParseGuarded(text); });

    [Property(MaxTest = 300)]
    public Property Random_wikitext_between_the_markers_is_read_or_rejected_in_every_layout() =>
        Prop.ForAll(
            Gen.Choose(0, 2).Zip(WikiText).ToArbitrary(),
            pair =>
            {
                var text = pair.Item1 switch
                {
                    0 => DayPageParserTests.HeaderTable(pair.Item2),
                    1 => DayPageParserTests.TemplateContent(pair.Item2),
                    _ => DayPageParserTests.Sandwich(pair.Item2),
                };
                ParseGuarded(text);
            });

    private static Gen<string> Mutated =>
        from layout in Gen.Elements(Layouts)
        from count in Gen.Choose(1, 8)
        from edits in Edit.ArrayOf(count)
        select Mutate(layout, edits);

    private static Gen<(int Kind, int A, int B, string Token)> Edit =>
        from kind in Gen.Choose(0, 3)
        from a in Gen.Choose(0, 100_000)
        from b in Gen.Choose(0, 100_000)
        from token in Gen.Elements(Tokens)
        select (kind, a, b, token);

    /// <summary>Deletes, inserts, duplicates or swaps pieces of a valid page.</summary>
    private static string Mutate(string text, (int Kind, int A, int B, string Token)[] edits)
    {
        var s = new StringBuilder(text);
        foreach (var (kind, a, b, token) in edits)
        {
            int at = s.Length == 0 ? 0 : a % (s.Length + 1);
            int length = Math.Min(b % 40, s.Length - at);
            switch (kind)
            {
                case 0:
                    s.Remove(at, length);
                    break;
                case 1:
                    s.Insert(at, token);
                    break;
                case 2:
                    s.Insert(at, s.ToString(at, length));
                    break;
                default:
                    var piece = s.ToString(at, length);
                    s.Remove(at, length);
                    s.Insert(s.Length == 0 ? 0 : b % (s.Length + 1), piece);
                    break;
            }
        }

        return s.ToString();
    }

    [Property(MaxTest = 300)]
    public Property Mutated_day_pages_are_read_or_rejected_with_a_DayPageException() =>
        Prop.ForAll(Mutated.ToArbitrary(), text => { ParseGuarded(text, new DateOnly(2017, 9, 28)); });

    [Property(MaxTest = 200)]
    public Property Arbitrary_strings_are_read_or_rejected() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => { ParseGuarded(text ?? string.Empty); });

    // ---- every layout cut at every character -----------------------------------------------------

    [Fact]
    public void Every_layout_cut_at_every_character_is_read_only_once_its_above_marker_is_complete()
    {
        foreach (var full in Layouts)
        {
            var whole = DayPageParser.Parse(full);
            Assert.Equal(4, whole.Day.Events.Count);
            var expected = whole.Day.Events.Select(Describe).ToList();
            int complete = full.IndexOf(Above, StringComparison.Ordinal) + Above.Length;
            for (int cut = 0; cut <= full.Length; cut++)
            {
                DayPage? page;
                try
                {
                    page = DayPageParser.Parse(full[..cut]);
                }
                catch (DayPageException e)
                {
                    Assert.True(cut < complete, $"cut at {cut} of {full.Length}: rejected ({e.Message}) though the news items are complete");
                    Assert.InRange(e.Line, 1, full[..cut].Count(c => c == '\n') + 1);
                    continue;
                }

                Assert.True(cut >= complete, $"cut at {cut}: read though the above marker is cut off");
                Assert.Equal(whole.Date, page.Date);
                Assert.Equal(expected, page.Day.Events.Select(Describe));
            }
        }
    }

    private static string Describe(Dateline.Model.Event e) =>
        $"{e.Category}|{string.Join('>', e.Stories)}|{e.Headline}|{string.Join(',', e.Entities)}|{string.Join(',', e.Citations)}|{e.Line}";

    [Fact]
    public void Every_layout_with_its_news_items_cut_at_every_character_is_read()
    {
        // Cut the news items (not the page): broken links, refs, templates and comments at every point.
        foreach (var make in new Func<string, string>[] { i => DayPageParserTests.HeaderTable(i), i => DayPageParserTests.TemplateContent(i), i => DayPageParserTests.Sandwich(i) })
        {
            for (int cut = 0; cut <= RichItems.Length; cut++)
            {
                var page = DayPageParser.Parse(make(RichItems[..cut]));
                AssertWellFormed(page);
                Assert.True(page.Day.Events.Count <= 4);
            }
        }
    }

    // ---- targeted hostile pages -----------------------------------------------------------------

    private static DayPage Guarded(string items)
    {
        var page = ParseGuarded(DayPageParserTests.TemplateContent(items));
        Assert.NotNull(page);
        return page;
    }

    [Fact]
    public void Ten_thousand_nested_templates_are_removed()
    {
        var item = Assert.Single(Guarded("*before " + new string('{', 20_000) + "x" + new string('}', 20_000) + " after").Day.Events);
        Assert.Equal("before after", item.Headline);
    }

    [Fact]
    public void Ten_thousand_nested_templates_over_ten_thousand_lines_are_removed()
    {
        var nested = string.Concat(Enumerable.Repeat("{{a|\n", 10_000)) + string.Concat(Enumerable.Repeat("}}", 10_000));
        var page = Guarded("*before " + nested + " after\n*next");
        Assert.Equal(["before after", "next"], page.Day.Events.Select(e => e.Headline));
    }

    [Theory]
    [InlineData("{{")]
    [InlineData("[[")]
    [InlineData("[http://x.example/ ")]
    [InlineData("<small ")]
    [InlineData("'''")]
    public void Ten_thousand_unclosed_openings_stay_text(string opening)
    {
        var item = Assert.Single(Guarded("*x " + string.Concat(Enumerable.Repeat(opening + "a ", 10_000))).Day.Events);
        Assert.Empty(item.Citations);
        Assert.Empty(item.Entities);
        if (opening != "'''")
        {
            Assert.Equal(10_000, Count(item.Headline, opening.Trim()));
        }
        else
        {
            Assert.Equal("x " + string.Concat(Enumerable.Repeat("a ", 10_000)), item.Headline);
        }
    }

    [Fact]
    public void Ten_thousand_unclosed_refs_drop_only_their_tags()
    {
        var item = Assert.Single(Guarded("*x " + string.Concat(Enumerable.Repeat("<ref>a ", 10_000))).Day.Events);
        Assert.Equal("x " + string.Concat(Enumerable.Repeat("a ", 10_000)), item.Headline);
    }

    [Fact]
    public void Ten_thousand_unclosed_comments_hide_the_rest_of_the_items()
    {
        var page = Guarded("*x\n" + string.Concat(Enumerable.Repeat("<!--*y\n", 10_000)));
        Assert.Equal(["x"], page.Day.Events.Select(e => e.Headline));
    }

    [Fact]
    public void Ten_thousand_nested_links_are_read_in_linear_time()
    {
        var item = Assert.Single(Guarded("*" + string.Concat(Enumerable.Repeat("[[a|", 10_000)) + "b" + new string(']', 20_000)).Day.Events);
        Assert.Empty(item.Citations);
        Assert.Equal(["A"], item.Entities); // only the innermost link is a link; the others stay text
        Assert.Equal(string.Concat(Enumerable.Repeat("[[a|", 9_999)) + "b" + new string(']', 19_998), item.Headline);
    }

    [Theory]
    [InlineData("]]]]}}}}-->|}</ref>")]
    [InlineData("[[[[{{{{")]
    [InlineData("<!-- a comment -->-->")]
    [InlineData("[[a]]]][[b{{c}}}}]]")]
    [InlineData("{{[[}}]]")]
    [InlineData("[[{{]]}}")]
    [InlineData("[http://x.example/ [[a]] ]")]
    public void Unbalanced_brackets_are_read(string mess)
    {
        var page = Guarded("*one " + mess + "\n*two [[Two]].");
        Assert.Equal("two Two.", page.Day.Events[^1].Headline);
        Assert.Equal(["Two"], page.Day.Events[^1].Entities);
    }

    public static TheoryData<string, string> TenMegabyteLines => new()
    {
        { "plain words", "word " },
        { "links", "[[Link]]s " },
        { "nested link openings", "[[a" },
        { "link openings", "[[" },
        { "nested templates", "{{" },
        { "template closings", "}}" },
        { "citations", "[http://x.example/ (X)] " },
        { "external openings", "[http://x " },
        { "quotes", "''" },
        { "refs", "<ref>" },
        { "self-closed refs", "<ref name=x/>" },
        { "comments", "<!--x-->" },
        { "tags", "<small>" },
        { "entities", "&amp;" },
        { "pipes", "|" },
        { "nowiki openings", "<nowiki>" },
        { "nowiki spans", "<nowiki>[[x]]</nowiki>" },
        { "templates that print text", "{{nowrap|{{convert|1|-|2|km}}}} " },
        { "unknown templates", "{{Mystery|a|b=c}} " },
        { "citations and commas", "[http://x.example/ (X)], " },
        { "grouped citation openings", "(X: " },
        { "notes after citations", "[http://x.example/ (X)] (note) " },
        { "bold runs", "'''" },
        { "wikinews links", "[[n:Story|(Wikinews)]] " },
        { "line breaks", "<br />" },
    };

    [Theory]
    [MemberData(nameof(TenMegabyteLines))]
    public void A_ten_megabyte_line_is_read(string shape, string unit)
    {
        var line = new StringBuilder(10_000_000 + unit.Length);
        while (line.Length < 10_000_000)
        {
            line.Append(unit);
        }

        var page = ParseGuarded(DayPageParserTests.TemplateContent("*" + line + "\n*last [[Last]]."));
        Assert.NotNull(page);
        Assert.True(page.Day.Events.Count is 1 or 2, shape);
        if (shape != "comments")
        {
            Assert.Equal("last Last.", page.Day.Events[^1].Headline);
        }
    }

    [Theory]
    [InlineData("[[", "]]")]
    [InlineData("[[a", "]]")]
    [InlineData("[[a|", "]]")]
    public void A_ten_megabyte_line_of_nested_links_is_read(string open, string close)
    {
        int n = 5_000_000 / open.Length;
        var line = new StringBuilder(10_000_100).Insert(0, open, n).Append('b').Insert(n * open.Length + 1, close, n);
        var page = ParseGuarded(DayPageParserTests.TemplateContent("*" + line + "\n*last [[Last]]."));
        Assert.NotNull(page);
        Assert.Equal(2, page.Day.Events.Count);
        Assert.Equal("last Last.", page.Day.Events[1].Headline);
        var nested = page.Day.Events[0];
        Assert.StartsWith(open + open, nested.Headline, StringComparison.Ordinal); // the outer links are no links: text
        Assert.Empty(nested.Citations);
    }

    [Fact]
    public void A_ten_megabyte_page_of_bullets_is_read()
    {
        var items = new StringBuilder();
        int n = 0;
        while (items.Length < 10_000_000)
        {
            items.Append("*[[Story ").Append(n % 7).Append("]]\n**Event ").Append(n++).Append(" in [[Place]]. [http://x.example/ (X)]\n");
        }

        var page = Guarded(items.ToString());
        Assert.Equal(n, page.Day.Events.Count);
    }

    private static int Count(string text, string needle)
    {
        int count = 0;
        for (int at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    // ---- paths from hostile headlines ---------------------------------------------------------------

    private static readonly string[] HostileHeadlines =
    [
        "../../../../etc/passwd",
        "..",
        ".",
        "/etc/passwd",
        "/",
        "\\..\\..\\windows\\system32",
        "C:\\Windows\\win.ini",
        "~/.ssh/authorized_keys",
        "a\0b",
        "\0",
        "%2e%2e%2f%2e%2e%2f",
        "index",
        "Index",
        ".dateline/manifest.tsv",
        "CON",
        "----",
        "Ä" + new string('x', 5000),
        new string('/', 300),
        new string('.', 300),
        "Über café ÉTÉ",
        "uber cafe ete",
        "😀😀😀",
        "\u202Egnp.exe",
    ];

    [Fact]
    public void Hostile_headlines_never_lead_a_written_file_out_of_the_output_folder()
    {
        using var work = new TempFolder();
        var inputs = Path.Combine(work.Path, "in");
        var output = Path.Combine(work.Path, "site", "out");
        var items = string.Join('\n', HostileHeadlines.Select(h => "*" + h));
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(inputs).FullName, "2017-09-28.wiki"), DayPageParserTests.TemplateContent(items));
        Directory.CreateDirectory(Path.Combine(work.Path, "site"));
        File.WriteAllText(Path.Combine(work.Path, "site", "sentinel.txt"), "outside");

        var before = Snapshot(work.Path, except: output);
        var db = Path.Combine(work.Path, "db", "archive.db");
        using (var store = ArchiveStore.Open(db))
        {
            var import = ArchiveImport.Run(store, [inputs]);
            Assert.All(import.Errors, e => Assert.Contains("stored cut to 4,000", e.Reason, StringComparison.Ordinal)); // the 5,000-character one (Headlines.MaxChars)
            Assert.Equal(HostileHeadlines.Length, import.Events);
            var build = ArchiveBuild.Run(store, output, parallelism: 2);
            Assert.Empty(build.Output.Conflicts);
        }

        var after = Snapshot(work.Path, except: output);
        var dbFiles = after.Keys.Where(k => k.StartsWith("db", StringComparison.Ordinal)).ToList();
        Assert.Equal(before, after.Where(kv => !dbFiles.Contains(kv.Key)).ToDictionary());

        // Every event has its own page in the day's folder, beside the day's index.
        var dayFolder = Path.Combine(output, "news", "2017", "09", "28");
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
            .ToList();
        Assert.All(written, f => Assert.False(f.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(f), f));
        var eventPages = Directory.GetFiles(dayFolder).Select(Path.GetFileName).Where(n => n != "index.md").ToList();
        Assert.Equal(HostileHeadlines.Length, eventPages.Count);
        Assert.All(eventPages, name => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*\\.md$", name!));
        Assert.All(eventPages, name => Assert.StartsWith("### [2017-09-28]", File.ReadAllText(Path.Combine(dayFolder, name!)), StringComparison.Ordinal));
        Assert.StartsWith("### [September 2017]", File.ReadAllText(Path.Combine(dayFolder, "index.md")), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Snapshot(string folder, string except) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(p => !(p == except || p.StartsWith(except + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .ToDictionary(
                p => Path.GetRelativePath(folder, p),
                p => File.Exists(p) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : "folder");
}
