namespace Dateline.Corpus;

/// <summary>A long-running story: a bullet (<c>*[[Syrian Civil War]]</c>) that events sit under while it is active.</summary>
internal sealed class Story
{
    public required int Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Text a piped story link shows, when the title carries a parenthesis.</summary>
    public string? Display { get; init; }

    public required int Category { get; init; }

    public required int StartDay { get; init; }

    public required int EndDay { get; init; }

    public required double Weight { get; init; }

    /// <summary>Entities the story's events tend to link (vocabulary indices).</summary>
    public required int[] Core { get; init; }

    /// <summary>The story this one sits under (<c>**[[Battle of Keltra]]</c> under <c>*[[Varomian civil war]]</c>), or -1.</summary>
    public int Parent { get; init; } = -1;

    public string[] OldNames { get; set; } = [];
}

/// <summary>Makes the stories: titles, categories, active spans and the entities they bring along.</summary>
internal sealed class StoryCatalog
{
    private readonly Story[] stories;

    private StoryCatalog(Story[] stories, List<(string From, string To)> redirects)
    {
        this.stories = stories;
        Redirects = redirects;
        ByStart = [.. stories.OrderBy(s => s.StartDay).ThenBy(s => s.Id)];
    }

    public int Count => stories.Length;

    public Story this[int id] => stories[id];

    /// <summary>The stories in the order they start.</summary>
    public Story[] ByStart { get; }

    public List<(string From, string To)> Redirects { get; }

    public static StoryCatalog Build(NameForge names, TitleRegistry registry, EntityVocabulary vocab, int count, DateOnly firstDay, int totalDays)
    {
        Random random = names.Random;
        var stories = new List<Story>(count);
        var redirects = new List<(string From, string To)>();
        int topLevel = count - (count / 5);
        double minSpan = Math.Log(14), maxSpan = Math.Log(Math.Max(15, Math.Min(1500, totalDays)));

        for (int id = 0; id < count; id++)
        {
            var components = new List<int>(4);
            Story story;
            Story? parent = id >= topLevel ? PickParent(random, stories) : null;
            if (parent is null)
            {
                int span = (int)Math.Exp(minSpan + (random.NextDouble() * (maxSpan - minSpan)));
                int start = random.Next(-span / 3, totalDays);
                int end = Math.Min(totalDays - 1, start + span);
                start = Math.Max(0, start);
                int category = Categories.PickForStory(random);
                (string title, string? display) = MakeTitle(names, registry, vocab, category, firstDay.AddDays(start).Year, firstDay.AddDays(end).Year, components);
                story = new Story
                {
                    Id = id,
                    Title = title,
                    Display = display,
                    Category = category,
                    StartDay = start,
                    EndDay = end,
                    Weight = Math.Exp(random.NextDouble() * 2.2 - 1.1),
                    Core = MakeCore(random, vocab, components),
                };
            }
            else
            {
                int parentSpan = parent.EndDay - parent.StartDay;
                int span = (int)Math.Exp(Math.Log(5) + (random.NextDouble() * (Math.Log(Math.Min(365, parentSpan)) - Math.Log(5))));
                int start = parent.StartDay + random.Next(Math.Max(1, parentSpan - span));
                int end = Math.Min(parent.EndDay, start + span);
                (string title, string? display) = MakeChildTitle(names, registry, vocab, parent, firstDay.AddDays(start).Year, firstDay.AddDays(end).Year);
                components.AddRange(parent.Core.Take(2));
                story = new Story
                {
                    Id = id,
                    Title = title,
                    Display = display,
                    Category = parent.Category,
                    StartDay = start,
                    EndDay = end,
                    Weight = 1.5 * Math.Exp(random.NextDouble() * 2.2 - 1.1),
                    Core = MakeCore(random, vocab, components),
                    Parent = parent.Id,
                };
            }

            stories.Add(story);
            if (random.NextDouble() < 0.03)
            {
                EntityVocabulary.AddOldNames(names, registry, story.Title, EntityKind.Event, OldStoryTitle, n => story.OldNames = n, redirects);
            }
        }

        return new StoryCatalog([.. stories], redirects);
    }

    /// <summary>"Varomian civil war" was once "Varomian Civil War"; "2015 X" was once "X, 2015".</summary>
    private static string? OldStoryTitle(string title)
    {
        string[] words = title.Split(' ');
        bool changed = false;
        for (int i = 1; i < words.Length; i++)
        {
            if (words[i].Length > 3 && char.IsLower(words[i][0]))
            {
                words[i] = NameForge.UpperFirst(words[i]);
                changed = true;
            }
        }

        return changed ? string.Join(' ', words) : EntityVocabulary.YearMoved(title);
    }

    private static Story? PickParent(Random random, List<Story> stories)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            Story candidate = stories[random.Next(stories.Count)];
            if (candidate.Parent < 0 && candidate.EndDay - candidate.StartDay >= 60)
            {
                return candidate;
            }
        }

        return null;
    }

    private static int[] MakeCore(Random random, EntityVocabulary vocab, List<int> components)
    {
        int size = 3 + random.Next(4);
        var core = new List<int>(size);
        foreach (int c in components)
        {
            if (!core.Contains(c) && core.Count < size)
            {
                core.Add(c);
            }
        }

        for (int attempt = 0; core.Count < size && attempt < 50; attempt++)
        {
            int e = vocab.Popularity.Next(random);
            if (!core.Contains(e))
            {
                core.Add(e);
            }
        }

        return [.. core];
    }

    private static (string Title, string? Display) MakeTitle(NameForge names, TitleRegistry registry, EntityVocabulary vocab, int category, int year, int endYear, List<int> components)
    {
        for (int attempt = 0; ; attempt++)
        {
            components.Clear();
            (string title, string? display) = Compose(names, vocab, category, year, endYear == year ? year + 1 : endYear, components);
            if (attempt > 30)
            {
                title = $"{title} ({names.Root(2, 3)})";
            }

            if (registry.TryClaim(title))
            {
                return (title, display);
            }
        }
    }

    private static (string Title, string? Display) Compose(NameForge names, EntityVocabulary vocab, int category, int y, int y2, List<int> components)
    {
        Random random = names.Random;
        int country = vocab.RandomOfKind(random, EntityKind.Country);
        int other = vocab.RandomOfKind(random, EntityKind.Country);
        string c = vocab[country].Title, c2 = vocab[other].Title;
        string d = vocab[country].Adjective ?? c;
        components.Add(country);

        switch (category)
        {
            case Categories.ArmedConflicts:
                switch (random.Next(7))
                {
                    case 0: return ($"{d} civil war", null);
                    case 1: return ($"{d} Civil War", null);
                    case 2: return Region(vocab, random, components, r => $"{r} insurgency", null);
                    case 3: return ($"{d} insurgency ({y}–present)", $"{d} insurgency");
                    case 4: components.Add(other); return ($"{c}–{c2} border conflict", null);
                    case 5: return Region(vocab, random, components, r => $"War in {r} ({y}–present)", r => $"War in {r}");
                    default: components.Add(other); return ($"{d} military intervention in {c2}", null);
                }

            case Categories.Politics:
                switch (random.Next(8))
                {
                    case 0: return ($"{y} {d} general election", null);
                    case 1: return ($"{y} {d} presidential election", null);
                    case 2: return ($"{y} {d} constitutional referendum", null);
                    case 3: return ($"{y}–{y2} {d} political crisis", null);
                    case 4: return ($"{y} {d} protests", null);
                    case 5: return Person(vocab, random, components, p => $"Presidency of {p}");
                    case 6: return Person(vocab, random, components, p => $"Impeachment of {p}");
                    default: return ($"{y} {d} government formation", null);
                }

            case Categories.Disasters:
                switch (random.Next(6))
                {
                    case 0: return Region(vocab, random, components, r => $"{y} {r} floods", null);
                    case 1: return ($"{y} {c} earthquake", null);
                    case 2:
                        string first = vocab.FirstNames.Count > 0 ? vocab.FirstNames[random.Next(vocab.FirstNames.Count)] : names.Root(1, 2);
                        return ($"Hurricane {first} ({y})", $"Hurricane {first}");
                    case 3: return Region(vocab, random, components, r => $"{y} {r} wildfires", null);
                    case 4: return ($"{y}–{y2} {d} drought", null);
                    default: return ($"{y} {c} cholera outbreak", null);
                }

            case Categories.Health:
                string disease = names.Root(2, 2) + (random.Next(3) switch { 0 => " fever", 1 => " virus", _ => " flu" });
                switch (random.Next(4))
                {
                    case 0: return ($"{y}–{y2} {disease} epidemic", null);
                    case 1: return ($"{disease} outbreak in {c}", null);
                    case 2: return ($"{y} {c} heat wave", null);
                    default: return ($"{y} {d} air pollution crisis", null);
                }

            case Categories.Business:
                switch (random.Next(5))
                {
                    case 0: return ($"{y}–{y2} {d} financial crisis", null);
                    case 1: return ($"{y} {d} banking crisis", null);
                    case 2: return Organisation(vocab, random, components, o => $"Bankruptcy of {o}");
                    case 3: return Organisation(vocab, random, components, o => $"Acquisition of {o}");
                    default: return ($"{y}–{y2} {d} sovereign debt crisis", null);
                }

            case Categories.InternationalRelations:
                components.Add(other);
                switch (random.Next(4))
                {
                    case 0: return ($"{c}–{c2} relations", null);
                    case 1: return ($"{y} {c}–{c2} summit", null);
                    case 2: return ($"{y} {c}–{c2} diplomatic crisis", null);
                    default: return ($"{d} accession to the {names.Root(2, 2)} Union", null);
                }

            case Categories.Law:
                switch (random.Next(6))
                {
                    case 0: return Person(vocab, random, components, p => $"Trial of {p}");
                    case 1: return ($"{y} {City(vocab, random)} bombing", null);
                    case 2: return Organisation(vocab, random, components, o => $"{o} corruption scandal");
                    case 3: return Person(vocab, random, components, p => $"Assassination of {p}");
                    case 4: return Person(vocab, random, components, p => $"Murder of {p}");
                    default: return ($"{y} {City(vocab, random)} prison riot", null);
                }

            case Categories.Science:
                string craft = names.Root(2, 3);
                switch (random.Next(4))
                {
                    case 0: return ($"{craft} (spacecraft)", craft);
                    case 1: return ($"{craft} mission", null);
                    case 2: return ($"{y} {d} satellite launch", null);
                    default: return ($"{craft} Space Telescope", null);
                }

            case Categories.Sports:
                switch (random.Next(4))
                {
                    case 0: return ($"{y} {names.Root(1, 2)} Cup", null);
                    case 1: return ($"{y} {d} Grand Prix", null);
                    case 2: return ($"{y}–{(y2 % 100):00} {names.Root(2, 2)} League", null);
                    default: return ($"{y} {City(vocab, random)} Games", null);
                }

            default:
                switch (random.Next(3))
                {
                    case 0: return ($"{y} {City(vocab, random)} Film Festival", null);
                    case 1: return ($"{y} {names.Root(2, 2)} Song Contest", null);
                    default: return ($"{y} {City(vocab, random)} Biennale", null);
                }
        }
    }

    private static (string Title, string? Display) MakeChildTitle(NameForge names, TitleRegistry registry, EntityVocabulary vocab, Story parent, int y, int y2)
    {
        Random random = names.Random;
        for (int attempt = 0; ; attempt++)
        {
            string city = City(vocab, random);
            string parentName = NameForge.WithoutParentheses(parent.Title);
            (string title, string? display) = parent.Category == Categories.ArmedConflicts
                ? random.Next(5) switch
                {
                    0 => ($"Battle of {city}", null),
                    1 => ($"Siege of {city} ({y}–{(y2 == y ? y + 1 : y2)})", $"Siege of {city}"),
                    2 => ($"{y} {city} offensive", null),
                    3 => ($"{city} ceasefire talks", null),
                    _ => ($"Fall of {city}", null),
                }
                : random.Next(4) switch
                {
                    0 => ($"Reactions to the {parentName}", null),
                    1 => ($"Aftermath of the {parentName}", null),
                    2 => ($"{y} {city} protests", null),
                    _ => ($"Investigation into the {parentName}", null),
                };
            if (attempt > 30)
            {
                title = $"{title} ({names.Root(2, 3)})";
            }

            if (registry.TryClaim(title))
            {
                return (title, display);
            }
        }
    }

    private static string City(EntityVocabulary vocab, Random random) =>
        vocab.CityNames.Count > 0 ? vocab.CityNames[random.Next(vocab.CityNames.Count)] : vocab[vocab.RandomOfKind(random, EntityKind.City)].Title;

    private static (string, string?) Region(EntityVocabulary vocab, Random random, List<int> components, Func<string, string> title, Func<string, string>? display)
    {
        int region = vocab.RandomOfKind(random, EntityKind.Region);
        components.Add(region);
        string name = vocab[region].Short ?? vocab[region].Title;
        return (title(name), display?.Invoke(name));
    }

    private static (string, string?) Person(EntityVocabulary vocab, Random random, List<int> components, Func<string, string> title)
    {
        int person = vocab.RandomOfKind(random, EntityKind.Person);
        components.Add(person);
        return (title(NameForge.WithoutParentheses(vocab[person].Title)), null);
    }

    private static (string, string?) Organisation(EntityVocabulary vocab, Random random, List<int> components, Func<string, string> title)
    {
        int org = vocab.RandomOfKind(random, EntityKind.Organisation);
        components.Add(org);
        return (title(NameForge.WithoutParentheses(vocab[org].Title)), null);
    }
}
