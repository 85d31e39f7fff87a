using System.Globalization;
using System.Text;

namespace Dateline.Corpus;

/// <summary>
/// Writes the wikitext of one event bullet (without its stars): a 15–60 word headline that links
/// the given entities in every link form, a final period, then 0–3 citations and the odd
/// comment, <c>&lt;ref&gt;</c> or <c>{{Webarchive}}</c>.
/// </summary>
internal sealed class HeadlineComposer(Random random, EntityVocabulary vocab, OutletCatalog outlets, NameForge names)
{
    private const int MinWords = 15;
    private const int MaxWords = 60;

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private readonly StringBuilder text = new(1024);
    private readonly StringBuilder visible = new(512);
    private readonly List<Template> used = new(16);
    private List<int> pending = [];
    private List<int> linked = [];
    private int next;
    private int words;
    private bool sentenceStart;
    private DateOnly date;

    /// <summary>
    /// Composes an event of <paramref name="category"/> on <paramref name="day"/> that links
    /// <paramref name="entities"/> (at least the first two); the ones actually linked are put in
    /// <paramref name="linkedEntities"/>.
    /// </summary>
    public string Compose(DateOnly day, int category, List<int> entities, List<int> linkedEntities, out int citations)
    {
        text.Clear();
        visible.Clear();
        pending = entities;
        linked = linkedEntities;
        linked.Clear();
        next = 0;
        words = 0;
        used.Clear();
        date = day;
        sentenceStart = true;

        int target = MinWords + (int)((MaxWords - MinWords) * Math.Pow(random.NextDouble(), 1.7));
        Render(PickFitting(Phrasebook.Openings[category], pending.Count));
        if (random.NextDouble() < 0.006)
        {
            text.Append(Phrasebook.Comments[random.Next(Phrasebook.Comments.Length)]);
        }

        int sentences = 1;
        for (int round = 0; round < 24; round++)
        {
            if (next < pending.Count)
            {
                // Entities left to link: a clause, or now and then a new sentence, for each.
                bool newSentence = words >= 8 && sentences < 3 && random.NextDouble() < 0.2;
                bool added = newSentence ? TrySentence(Phrasebook.LinkedSentences) : TryRender(Pick(Phrasebook.EntityClauses));
                if (added && newSentence)
                {
                    sentences++;
                }
                else if (!added && linked.Count >= 2)
                {
                    next = pending.Count; // no room for more links
                }
                else if (!added)
                {
                    Render(Phrasebook.EntityClauses[0]);
                }
            }
            else if (words < target)
            {
                // All linked: lengthen towards the target with clauses and plain sentences.
                bool newSentence = words <= target - 8 && sentences < 3 && random.NextDouble() < 0.3;
                bool added = newSentence ? TrySentence(Phrasebook.PlainSentences) : TryRender(Pick(Phrasebook.Fillers));
                if (added && newSentence)
                {
                    sentences++;
                }
                else if (!added && words >= MinWords)
                {
                    break;
                }
            }
            else
            {
                break;
            }
        }

        text.Append('.');
        visible.Append('.');
        string slug = Slug();

        if (random.NextDouble() < 0.01)
        {
            string url = Url(outlets.Pick(random), slug);
            text.Append("<ref>{{cite news |url=").Append(url).Append(" |title=").Append(NameForge.UpperFirst(slug.Replace('-', ' ')))
                .Append(" |date=").Append(LongDate(date)).Append("}}</ref>");
        }

        citations = CitationCount();
        for (int c = 0; c < citations; c++)
        {
            WriteCitation(slug);
        }

        if (citations == 0 && random.NextDouble() < 0.35)
        {
            text.Append(" <!-- source needed -->");
        }
        else if (random.NextDouble() < 0.01)
        {
            text.Append(' ').Append(Phrasebook.Comments[random.Next(Phrasebook.Comments.Length)]);
        }

        return text.ToString();
    }

    /// <summary>The link a story bullet carries: <c>[[Story]]</c>, <c>[[Story (2011–present)|Story]]</c> or an older name.</summary>
    public string StoryLink(Story story)
    {
        string target = story.Title;
        if (story.OldNames.Length > 0 && random.NextDouble() < 0.3)
        {
            target = story.OldNames[random.Next(story.OldNames.Length)];
        }

        double r = random.NextDouble();
        if (story.Display is not null && ReferenceEquals(target, story.Title) && r < 0.6)
        {
            return $"[[{target}|{story.Display}]]";
        }

        if (r > 0.98 && target.Contains(' ', StringComparison.Ordinal))
        {
            return $"[[{target.Replace(' ', '_')}]]";
        }

        return $"[[{target}]]";
    }

    private int CitationCount()
    {
        double r = random.NextDouble();
        return r < 0.05 ? 0 : r < 0.67 ? 1 : r < 0.92 ? 2 : 3;
    }

    private void WriteCitation(string slug)
    {
        Outlet outlet = outlets.Pick(random);
        string url = Url(outlet, slug);
        CitationStyle style = random.NextDouble() < 0.85 ? outlet.Style : (CitationStyle)random.Next(3);
        string label = style switch
        {
            CitationStyle.Parenthesised => $"({outlet.Name})",
            CitationStyle.Bare => outlet.Name,
            _ => $"(''{outlet.Name}'')",
        };
        text.Append(" [").Append(url).Append(' ').Append(label).Append(']');

        if (random.NextDouble() < 0.025)
        {
            DateOnly archived = date.AddDays(1 + random.Next(30));
            text.Append(" {{Webarchive|url=https://web.archive.example/web/")
                .Append(archived.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("000000/").Append(url)
                .Append(" |date=").Append(archived.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" }}");
        }
    }

    private string Url(Outlet outlet, string slug)
    {
        DateOnly published = random.NextDouble() < 0.1 ? date.AddDays(-1) : date;
        string scheme = date.Year < 2012 && random.NextDouble() < 0.5 ? "http" : "https";
        var sb = new StringBuilder(96);
        sb.Append(scheme).Append("://www.news").Append(outlet.Number.ToString(CultureInfo.InvariantCulture)).Append(".example/")
            .Append(published.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture)).Append('/')
            .Append(slug).Append('-').Append(random.Next(1000, 1_000_000).ToString(CultureInfo.InvariantCulture));
        double r = random.NextDouble();
        if (r < 0.03)
        {
            sb.Append("?ref=rss&id=").Append(random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture));
        }
        else if (r < 0.035)
        {
            sb.Append("_(live)");
        }

        return sb.ToString();
    }

    /// <summary>The first words of the headline, as an ASCII URL slug.</summary>
    private string Slug()
    {
        var sb = new StringBuilder(48);
        int taken = 0;
        bool inWord = false;
        for (int i = 0; i < visible.Length && taken < 6; i++)
        {
            char c = char.ToLowerInvariant(visible[i]);
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (!inWord && sb.Length > 0)
                {
                    sb.Append('-');
                }

                sb.Append(c);
                inWord = true;
            }
            else if (c is ' ' or '-' or ',' or '.')
            {
                if (inWord)
                {
                    taken++;
                }

                inWord = false;
            }
        }

        return sb.Length == 0 ? "story" : sb.ToString();
    }

    /// <summary>A random template, avoiding the ones this headline has used already.</summary>
    private Template Pick(Template[] templates)
    {
        Template t = templates[random.Next(templates.Length)];
        for (int attempt = 0; attempt < 4 && used.Contains(t); attempt++)
        {
            t = templates[random.Next(templates.Length)];
        }

        return t;
    }

    private Template PickFitting(Template[] templates, int maxSlots)
    {
        for (int attempt = 0; attempt < 12; attempt++)
        {
            Template t = Pick(templates);
            if (t.Slots <= maxSlots)
            {
                return t;
            }
        }

        return Phrasebook.Openings[Categories.Politics][0];
    }

    /// <summary>Ends the sentence and starts another from <paramref name="templates"/>, unless it would not fit.</summary>
    private bool TrySentence(Template[] templates)
    {
        int mark = text.Length, markVisible = visible.Length;
        text.Append(". ");
        visible.Append(". ");
        sentenceStart = true;
        if (TryRender(Pick(templates)))
        {
            return true;
        }

        text.Length = mark;
        visible.Length = markVisible;
        sentenceStart = false;
        return false;
    }

    /// <summary>Renders <paramref name="template"/> unless that would take the headline past the word limit.</summary>
    private bool TryRender(Template template)
    {
        if (template.Slots > pending.Count - next)
        {
            return false;
        }

        int mark = text.Length, markVisible = visible.Length, markWords = words, markNext = next, markLinked = linked.Count;
        bool wasStart = sentenceStart;
        Render(template);
        if (words <= MaxWords)
        {
            return true;
        }

        text.Length = mark;
        visible.Length = markVisible;
        words = markWords;
        next = markNext;
        linked.RemoveRange(markLinked, linked.Count - markLinked);
        sentenceStart = wasStart;
        return false;
    }

    private void Render(Template template)
    {
        used.Add(template);
        foreach (Segment segment in template.Segments)
        {
            switch (segment.Kind)
            {
                case SlotKind.Literal:
                    Literal(segment.Text);
                    break;
                case SlotKind.Word:
                    string[] list = segment.Words!;
                    Literal(list[random.Next(list.Length)]);
                    break;
                case SlotKind.Entity:
                case SlotKind.Adjective:
                    if (next < pending.Count)
                    {
                        EntityLink(pending[next++], segment.Kind == SlotKind.Adjective);
                    }
                    else
                    {
                        Literal("the region");
                    }

                    break;
                case SlotKind.Number:
                    int n = 2 + (int)(Math.Pow(random.NextDouble(), 2.5) * 300);
                    if (random.NextDouble() < 0.02)
                    {
                        text.Append("'''");
                        Literal(n.ToString(CultureInfo.InvariantCulture));
                        text.Append("'''");
                    }
                    else
                    {
                        Literal(n.ToString(CultureInfo.InvariantCulture));
                    }

                    break;
                case SlotKind.Year:
                    Literal((date.Year - 1 - random.Next(40)).ToString(CultureInfo.InvariantCulture));
                    break;
                case SlotKind.Percent:
                    Literal((0.1 + (random.NextDouble() * 15)).ToString("0.0", CultureInfo.InvariantCulture));
                    break;
                case SlotKind.Money:
                    Literal(string.Create(CultureInfo.InvariantCulture, $"US${0.2 + (random.NextDouble() * 40):0.0} {(random.Next(3) == 0 ? "million" : "billion")}"));
                    break;
                case SlotKind.Score:
                    int winner = 1 + random.Next(5);
                    Literal(string.Create(CultureInfo.InvariantCulture, $"{winner}–{random.Next(winner)}"));
                    break;
                case SlotKind.Ordinal:
                    Literal(Phrasebook.Ordinals[random.Next(Phrasebook.Ordinals.Length)]);
                    break;
                case SlotKind.Quote:
                    Literal("\"" + Phrasebook.Quotes[random.Next(Phrasebook.Quotes.Length)] + "\"");
                    break;
                case SlotKind.Work:
                    text.Append("''");
                    Literal(names.Root(2, 3) + " " + Phrasebook.WorkNouns[random.Next(Phrasebook.WorkNouns.Length)]);
                    text.Append("''");
                    break;
                case SlotKind.Age:
                    Literal((55 + random.Next(45)).ToString(CultureInfo.InvariantCulture));
                    break;
                case SlotKind.Magnitude:
                    Literal((4.5 + (random.NextDouble() * 4)).ToString("0.0", CultureInfo.InvariantCulture));
                    break;
                case SlotKind.StormCategory:
                    Literal((1 + random.Next(5)).ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidOperationException($"unexpected slot {segment.Kind}");
            }
        }
    }

    private void Literal(string piece)
    {
        if (piece.Length == 0)
        {
            return;
        }

        if ("aeiou".Contains(piece[0], StringComparison.Ordinal))
        {
            UseAn();
        }

        int start = text.Length, startVisible = visible.Length;
        text.Append(piece);
        visible.Append(piece);
        if (sentenceStart)
        {
            for (int i = 0; i < piece.Length; i++)
            {
                if (char.IsLetterOrDigit(piece[i]))
                {
                    text[start + i] = char.ToUpperInvariant(piece[i]);
                    visible[startVisible + i] = text[start + i];
                    sentenceStart = false;
                    break;
                }
            }
        }

        CountWords(startVisible);
    }

    /// <summary>Turns a just written article "a " into "an " before a vowel.</summary>
    private void UseAn()
    {
        int v = visible.Length, t = text.Length;
        if (v >= 2 && t >= 2 && visible[v - 1] == ' ' && text[t - 1] == ' ' && visible[v - 2] is ('a' or 'A') && text[t - 2] == visible[v - 2]
            && (v == 2 || visible[v - 3] == ' '))
        {
            visible.Insert(v - 1, 'n');
            text.Insert(t - 1, 'n');
        }
    }

    private void Link(string wikitext, string shown)
    {
        int startVisible = visible.Length;
        text.Append(wikitext);
        visible.Append(shown);
        sentenceStart = false;
        CountWords(startVisible);
    }

    private void CountWords(int from)
    {
        bool previousSpace = from == 0 || visible[from - 1] == ' ';
        for (int i = from; i < visible.Length; i++)
        {
            bool space = visible[i] == ' ';
            if (!space && previousSpace)
            {
                words++;
            }

            previousSpace = space;
        }
    }

    /// <summary>Links an entity in one of the forms the Portal uses, now and then through an older name.</summary>
    private void EntityLink(int index, bool adjective)
    {
        Entity entity = vocab[index];
        linked.Add(index);
        string target = entity.Title;
        if (entity.OldNames.Length > 0 && random.NextDouble() < 0.35)
        {
            target = entity.OldNames[random.Next(entity.OldNames.Length)];
        }

        bool canonical = ReferenceEquals(target, entity.Title);
        bool atStart = sentenceStart;
        double r = random.NextDouble();

        if (adjective && canonical && entity.Adjective is { } adj)
        {
            if (r < 0.5)
            {
                Link($"[[{target}]]{adj[target.Length..]}", adj);
            }
            else
            {
                Link($"[[{target}|{adj}]]", adj);
            }

            return;
        }

        if (!atStart && entity.Kind == EntityKind.Concept && r < 0.5)
        {
            string lower = NameForge.LowerFirst(target);
            Link($"[[{lower}]]", lower);
            return;
        }

        if (atStart || r < 0.60)
        {
            if (r > 0.985 && target.Contains(' ', StringComparison.Ordinal))
            {
                Link($"[[{target.Replace(' ', '_')}]]", target);
            }
            else
            {
                Link($"[[{target}]]", target);
            }

            return;
        }

        string bare = NameForge.WithoutParentheses(target);
        switch (r)
        {
            case < 0.78:
                string shown = canonical && entity.Short is not null ? entity.Short : bare;
                if (shown == target)
                {
                    Link($"[[{target}]]", target);
                }
                else
                {
                    Link($"[[{target}|{shown}]]", shown);
                }

                break;
            case < 0.82:
                string label = canonical && entity.Short is not null ? entity.Short : bare;
                IReadOnlyList<string> sections = EntityVocabulary.SectionNames;
                Link($"[[{target}#{sections[random.Next(sections.Count)]}|{label}]]", label);
                break;
            case < 0.86 when target.Contains(' ', StringComparison.Ordinal):
                Link($"[[{target.Replace(' ', '_')}]]", target);
                break;
            case < 0.885:
                string lower = NameForge.LowerFirst(target);
                Link($"[[{lower}]]", lower);
                break;
            case < 0.89 when target.Contains(' ', StringComparison.Ordinal):
                int space = target.IndexOf(' ', StringComparison.Ordinal);
                Link($"[[{target.Insert(space, " ")}]]", target);
                break;
            case < 0.92 when entity.Kind is EntityKind.Concept or EntityKind.Landmark && canonical && bare == target && char.IsAsciiLetterLower(target[^1]):
                Link($"[[{target}]]s", target + "s");
                break;
            case < 0.95 when entity.Kind is EntityKind.Concept or EntityKind.Event:
                string lowered = NameForge.LowerFirst(bare);
                Link($"[[{target}|{lowered}]]", lowered);
                break;
            default:
                Link($"[[{target}]]", target);
                break;
        }
    }

    private static string LongDate(DateOnly d) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Day} {MonthNames[d.Month - 1]} {d.Year}");
}
