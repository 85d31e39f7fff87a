using System.Globalization;
using System.Text;

namespace Dateline.Corpus;

/// <summary>The three layouts the Portal's day pages have used.</summary>
internal enum PageLayout
{
    /// <summary><c>{{Current events header|YYYY|MM|DD}}</c> … <c>&lt;!-- All news items above this line --&gt;|}</c> (before 2015).</summary>
    HeaderTable,

    /// <summary><c>{{Current events|year=…|content=</c> … <c>&lt;!-- All news items above this line --&gt;}}</c> (2015–2022).</summary>
    TemplateContent,

    /// <summary><c>{{Current events|…|top=yes}}</c> … <c>{{Current events|…|bottom=yes}}</c> (2023 on).</summary>
    Sandwich,
}

/// <summary>
/// Collects one day's events under their category headings and story bullets, then writes the
/// page's wikitext in the layout of its era.
/// </summary>
internal sealed class DayPage(Random random)
{
    private static readonly DateOnly TemplateContentFrom = new(2015, 1, 1);
    private static readonly DateOnly SandwichFrom = new(2023, 1, 1);

    private readonly List<Bullet>[] categories = CreateCategories();
    private readonly StringBuilder page = new(16 * 1024);

    public static PageLayout LayoutFor(DateOnly date) =>
        date < TemplateContentFrom ? PageLayout.HeaderTable : date < SandwichFrom ? PageLayout.TemplateContent : PageLayout.Sandwich;

    public void Clear()
    {
        foreach (List<Bullet> list in categories)
        {
            list.Clear();
        }
    }

    /// <summary>Adds an event; under its story bullet (and the parent story's) when it has one.</summary>
    public void Add(int category, string eventText, Story? story, Story? parent, Func<Story, string> storyLink)
    {
        List<Bullet> list = categories[category];
        if (story is null)
        {
            list.Add(new Bullet(eventText, -1));
            return;
        }

        if (parent is not null)
        {
            list = Group(list, parent, storyLink);
        }

        Group(list, story, storyLink).Add(new Bullet(eventText, -1));
    }

    /// <summary>Writes the whole page, ending with a line end.</summary>
    public string Render(DateOnly date)
    {
        page.Clear();
        PageLayout layout = LayoutFor(date);
        string yyyy = date.Year.ToString("0000", CultureInfo.InvariantCulture);
        string mm = date.Month.ToString("00", CultureInfo.InvariantCulture);
        string d = date.Day.ToString(CultureInfo.InvariantCulture);
        switch (layout)
        {
            case PageLayout.HeaderTable:
                string dd = random.NextDouble() < 0.8 ? date.Day.ToString("00", CultureInfo.InvariantCulture) : d;
                page.Append("{{Current events header|").Append(yyyy).Append('|').Append(mm).Append('|').Append(dd).Append("}}\n");
                break;
            case PageLayout.TemplateContent:
                page.Append("{{Current events|year=").Append(yyyy).Append("|month=").Append(mm).Append("|day=").Append(d).Append("|content=\n");
                break;
            default:
                page.Append("{{Current events|year=").Append(yyyy).Append("|month=").Append(mm).Append("|day=").Append(d).Append("|top=yes}}\n\n");
                break;
        }

        page.Append("<!-- All news items below this line -->\n");
        WriteItems(date);
        page.Append("<!-- All news items above this line -->");
        switch (layout)
        {
            case PageLayout.HeaderTable:
                page.Append("|}\n");
                break;
            case PageLayout.TemplateContent:
                page.Append("}}\n");
                break;
            default:
                page.Append("\n\n{{Current events|year=").Append(yyyy).Append("|month=").Append(mm).Append("|day=").Append(d).Append("|bottom=yes}}\n");
                break;
        }

        return page.ToString();
    }

    private void WriteItems(DateOnly date)
    {
        double definitionShare = date.Year switch { < 2005 => 0.85, < 2012 => 0.5, < 2015 => 0.25, < 2023 => 0.03, _ => 0 };
        bool definitionHeadings = random.NextDouble() < definitionShare;
        bool blankLines = random.NextDouble() < 0.06;

        if (random.NextDouble() < 0.005)
        {
            page.Append("[[File:").Append(NameForge.UpperFirst(date.ToString("MMMM", CultureInfo.InvariantCulture)))
                .Append(' ').Append(date.Year.ToString(CultureInfo.InvariantCulture)).Append(" scene.jpg|thumb|right|A scene from the day's news]]\n");
        }

        if (random.NextDouble() < 0.01)
        {
            page.Append("<!-- Please add new items at the bottom of their category -->\n");
        }

        bool first = true;
        for (int c = 0; c < categories.Length; c++)
        {
            if (categories[c].Count == 0)
            {
                continue;
            }

            if (blankLines && !first)
            {
                page.Append('\n');
            }

            first = false;
            if (definitionHeadings)
            {
                page.Append(';').Append(Categories.Names[c]).Append('\n');
            }
            else
            {
                page.Append("'''").Append(Categories.Names[c]).Append("'''\n");
            }

            WriteBullets(categories[c], 1);
        }
    }

    private void WriteBullets(List<Bullet> bullets, int depth)
    {
        foreach (Bullet bullet in bullets)
        {
            page.Append('*', depth).Append(bullet.Text).Append('\n');
            if (bullet.Children is not null)
            {
                WriteBullets(bullet.Children, depth + 1);
            }
        }
    }

    private static List<Bullet> Group(List<Bullet> list, Story story, Func<Story, string> storyLink)
    {
        foreach (Bullet bullet in list)
        {
            if (bullet.StoryId == story.Id)
            {
                return bullet.Children!;
            }
        }

        var group = new Bullet(storyLink(story), story.Id) { Children = [] };
        list.Add(group);
        return group.Children;
    }

    private static List<Bullet>[] CreateCategories()
    {
        var lists = new List<Bullet>[Categories.Count];
        for (int i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        return lists;
    }

    private sealed class Bullet(string text, int storyId)
    {
        public string Text { get; } = text;

        public int StoryId { get; } = storyId;

        public List<Bullet>? Children { get; init; }
    }
}
