using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dateline.Corpus;

/// <summary>What a run produced; also written to corpus.json.</summary>
internal sealed record CorpusSummary
{
    public required int Events { get; init; }
    public required int Days { get; init; }
    public required int Entities { get; init; }
    public required int Stories { get; init; }
    public required long Citations { get; init; }
    public required long Bytes { get; init; }
    public required long XmlBytes { get; init; }
    public required int Redirects { get; init; }
    public required int StoryEvents { get; init; }
    public required int LinkedEntities { get; init; }
    public required string TopEntity { get; init; }
    public required int TopEntityEvents { get; init; }
    public required int[] PagesByLayout { get; init; }
}

/// <summary>Generates the whole corpus: vocabulary, stories, then day after day of events, streamed out.</summary>
internal static class CorpusGenerator
{
    /// <summary>Share of events that sit under a story bullet when stories are active.</summary>
    private const double StoryShare = 0.62;

    /// <summary>Chance that an event of a story links one of the story's own entities, per link.</summary>
    private const double CoreLinkShare = 0.5;

    private static readonly UTF8Encoding Utf8 = new(false);

    public static CorpusSummary Run(CorpusOptions options)
    {
        // One generator for the content, so that the output flags never change a byte of it;
        // the XML export's ids and editors come from a second one.
        var random = new Random(options.Seed);
        var names = new NameForge(random);
        var registry = new TitleRegistry();
        int totalDays = options.TotalDays;

        EntityVocabulary vocab = EntityVocabulary.Build(names, registry, options.Entities, options.FromYear, options.Years);
        int storyCount = Math.Max(10, (int)Math.Round(options.Events / 57.5));
        StoryCatalog stories = StoryCatalog.Build(names, registry, vocab, storyCount, options.FirstDay, totalDays);
        OutletCatalog outlets = OutletCatalog.Build(names, 80);
        var composer = new HeadlineComposer(random, vocab, outlets, names);
        var page = new DayPage(random);
        int[] perDay = EventsPerDay(random, options, totalDays);

        Directory.CreateDirectory(options.OutDir);
        string daysDir = Path.Combine(options.OutDir, "days");
        if (options.WriteDays)
        {
            Directory.CreateDirectory(daysDir);
        }

        ExportXmlWriter? xml = null;
        if (options.WriteXml)
        {
            var xmlRandom = new Random(unchecked(options.Seed * 31 + 17));
            xml = new ExportXmlWriter(Path.Combine(options.OutDir, "export.xml"), xmlRandom, new NameForge(xmlRandom));
        }

        var vocabCounts = new int[vocab.Count];
        var storyCounts = new int[stories.Count];
        var active = new List<Story>();
        var entities = new List<int>(8);
        var linked = new List<int>(8);
        int startCursor = 0, days = 0, events = 0, storyEvents = 0;
        long citations = 0, bytes = 0, xmlBytes = 0;
        int[] pagesByLayout = new int[3];
        int yearWritten = -1;

        try
        {
            for (int day = 0; day < totalDays; day++)
            {
                active.RemoveAll(s => s.EndDay < day);
                while (startCursor < stories.ByStart.Length && stories.ByStart[startCursor].StartDay <= day)
                {
                    active.Add(stories.ByStart[startCursor++]);
                }

                int count = perDay[day];
                if (count == 0)
                {
                    continue;
                }

                DateOnly date = options.FirstDay.AddDays(day);
                page.Clear();
                for (int e = 0; e < count; e++)
                {
                    Story? story = active.Count > 0 && random.NextDouble() < StoryShare ? PickStory(random, active) : null;
                    Story? parent = story is { Parent: >= 0 } ? stories[story.Parent] : null;
                    int category = story?.Category ?? Categories.PickForEvent(random);

                    PickEntities(random, vocab, story, entities);
                    string text = composer.Compose(date, category, entities, linked, out int cited);
                    page.Add(category, text, story, parent, composer.StoryLink);

                    citations += cited;
                    foreach (int entity in linked)
                    {
                        vocabCounts[entity]++; // distinct: each picked entity is linked at most once
                    }

                    if (story is not null)
                    {
                        storyEvents++;
                        storyCounts[story.Id]++;
                        if (parent is not null)
                        {
                            storyCounts[parent.Id]++;
                        }
                    }
                }

                string wikitext = page.Render(date);
                events += count;
                days++;
                pagesByLayout[(int)DayPage.LayoutFor(date)]++;
                bytes += Utf8.GetByteCount(wikitext);

                if (options.WriteDays)
                {
                    string yearDir = Path.Combine(daysDir, date.Year.ToString("0000", CultureInfo.InvariantCulture));
                    if (date.Year != yearWritten)
                    {
                        Directory.CreateDirectory(yearDir);
                        yearWritten = date.Year;
                    }

                    File.WriteAllText(Path.Combine(yearDir, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".wiki"), wikitext, Utf8);
                }

                xml?.WritePage(date, wikitext);
            }
        }
        finally
        {
            if (xml is not null)
            {
                xml.Dispose();
                xmlBytes = new FileInfo(Path.Combine(options.OutDir, "export.xml")).Length;
            }
        }

        int redirects = WriteRedirects(Path.Combine(options.OutDir, "redirects.tsv"), vocab, stories);

        (string topTitle, int topEvents) = ("", 0);
        int linkedEntities = 0;
        for (int i = 0; i < vocabCounts.Length; i++)
        {
            if (vocabCounts[i] > 0)
            {
                linkedEntities++;
            }

            if (vocabCounts[i] > topEvents)
            {
                (topTitle, topEvents) = (vocab[i].Title, vocabCounts[i]);
            }
        }

        for (int i = 0; i < storyCounts.Length; i++)
        {
            if (storyCounts[i] > topEvents)
            {
                (topTitle, topEvents) = (stories[i].Title, storyCounts[i]);
            }
        }

        var summary = new CorpusSummary
        {
            Events = events,
            Days = days,
            Entities = vocab.Count,
            Stories = stories.Count,
            Citations = citations,
            Bytes = bytes,
            XmlBytes = xmlBytes,
            Redirects = redirects,
            StoryEvents = storyEvents,
            LinkedEntities = linkedEntities,
            TopEntity = topTitle,
            TopEntityEvents = topEvents,
            PagesByLayout = pagesByLayout,
        };
        WriteSummary(Path.Combine(options.OutDir, "corpus.json"), options, summary);
        return summary;
    }

    /// <summary>
    /// Spreads exactly <see cref="CorpusOptions.Events"/> events over the days: a slow rise over the
    /// years, quieter weekends, busy news days and a few days without any event.
    /// </summary>
    private static int[] EventsPerDay(Random random, CorpusOptions options, int totalDays)
    {
        var weights = new double[totalDays];
        double sum = 0;
        for (int day = 0; day < totalDays; day++)
        {
            DateOnly date = options.FirstDay.AddDays(day);
            double w;
            if (random.NextDouble() < 0.004)
            {
                w = 0;
            }
            else
            {
                w = (0.8 + (0.4 * day / totalDays)) * (0.4 + (1.2 * random.NextDouble()));
                if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    w *= 0.85;
                }

                if (random.NextDouble() < 0.03)
                {
                    w *= 1.8;
                }
            }

            weights[day] = w;
            sum += w;
        }

        var counts = new int[totalDays];
        if (sum <= 0)
        {
            Array.Fill(weights, 1.0);
            sum = totalDays;
        }

        // Cumulative rounding: the counts add up to the total exactly.
        double cumulative = 0;
        long previous = 0;
        for (int day = 0; day < totalDays; day++)
        {
            cumulative += weights[day];
            long upTo = day == totalDays - 1 ? options.Events : (long)Math.Round(options.Events * (cumulative / sum));
            counts[day] = (int)(upTo - previous);
            previous = upTo;
        }

        return counts;
    }

    private static Story PickStory(Random random, List<Story> active)
    {
        double total = 0;
        foreach (Story s in active)
        {
            total += s.Weight;
        }

        double u = random.NextDouble() * total;
        foreach (Story s in active)
        {
            u -= s.Weight;
            if (u < 0)
            {
                return s;
            }
        }

        return active[^1];
    }

    /// <summary>2–6 distinct entities; under a story about half of them come from the story's own.</summary>
    private static void PickEntities(Random random, EntityVocabulary vocab, Story? story, List<int> entities)
    {
        entities.Clear();
        int wanted = 2 + random.Next(5);
        for (int attempt = 0; entities.Count < wanted && attempt < 40; attempt++)
        {
            int e = story is not null && random.NextDouble() < CoreLinkShare
                ? story.Core[random.Next(story.Core.Length)]
                : vocab.Popularity.Next(random);
            if (!entities.Contains(e))
            {
                entities.Add(e);
            }
        }
    }

    private static int WriteRedirects(string path, EntityVocabulary vocab, StoryCatalog stories)
    {
        var pairs = new List<(string From, string To)>(vocab.Redirects.Count + stories.Redirects.Count);
        pairs.AddRange(vocab.Redirects);
        pairs.AddRange(stories.Redirects);
        pairs.Sort((a, b) => string.CompareOrdinal(a.From, b.From));
        using var writer = new StreamWriter(path, false, Utf8) { NewLine = "\n" };
        foreach ((string from, string to) in pairs)
        {
            writer.Write(from);
            writer.Write('\t');
            writer.Write(to);
            writer.Write('\n');
        }

        return pairs.Count;
    }

    private static void WriteSummary(string path, CorpusOptions options, CorpusSummary summary)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("seed", options.Seed);
        json.WriteString("from", options.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("years", options.Years);
        json.WriteNumber("events", summary.Events);
        json.WriteNumber("days", summary.Days);
        json.WriteNumber("entities", summary.Entities);
        json.WriteNumber("linkedEntities", summary.LinkedEntities);
        json.WriteNumber("stories", summary.Stories);
        json.WriteNumber("storyEvents", summary.StoryEvents);
        json.WriteNumber("citations", summary.Citations);
        json.WriteNumber("redirects", summary.Redirects);
        json.WriteNumber("bytes", summary.Bytes);
        json.WriteNumber("xmlBytes", summary.XmlBytes);
        json.WriteStartObject("pagesByLayout");
        json.WriteNumber("headerTable", summary.PagesByLayout[(int)PageLayout.HeaderTable]);
        json.WriteNumber("templateContent", summary.PagesByLayout[(int)PageLayout.TemplateContent]);
        json.WriteNumber("sandwich", summary.PagesByLayout[(int)PageLayout.Sandwich]);
        json.WriteEndObject();
        json.WriteStartObject("topEntity");
        json.WriteString("title", summary.TopEntity);
        json.WriteNumber("events", summary.TopEntityEvents);
        json.WriteNumber("share", summary.Events == 0 ? 0 : Math.Round((double)summary.TopEntityEvents / summary.Events, 4));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
