using System.Text;

namespace Dateline.Corpus;

internal enum EntityKind
{
    Country,
    Concept,
    City,
    Region,
    Person,
    Organisation,
    Event,
    Landmark,
}

/// <summary>One article an event can link: its current title and the texts a link may show for it.</summary>
internal sealed class Entity(string title, EntityKind kind)
{
    public string Title { get; } = title;

    public EntityKind Kind { get; } = kind;

    /// <summary>A shorter label a piped link may show: "Dorvan" for "Amel Dorvan", "Keltra" for "Keltra Province".</summary>
    public string? Short { get; init; }

    /// <summary>For a country, the adjective: always the title plus letters, so a link trail can show it.</summary>
    public string? Adjective { get; init; }

    /// <summary>Older titles that redirect here (directly or through a chain).</summary>
    public string[] OldNames { get; set; } = [];
}

/// <summary>The synthetic article titles events link, ranked by popularity.</summary>
internal sealed class EntityVocabulary
{
    /// <summary>Share of the draws that go to the most popular entity; about four draws an event give ~5% of events.</summary>
    public const double TopDrawShare = 0.0144;

    private static readonly string[] Concepts =
    [
        "Inflation", "Ceasefire", "Drought", "Referendum", "Cholera", "Association football", "Cricket", "Tennis",
        "Human rights", "Climate change", "Unemployment", "Arson", "Caliphate", "Terrorism", "Coup d'état", "Refugee",
        "Cyberattack", "Corruption", "Famine", "Earthquake", "Tropical cyclone", "Wildfire", "Landslide", "Tsunami",
        "Suicide bombing", "Car bomb", "Airstrike", "Insurgency", "Genocide", "War crime", "Martial law", "Curfew",
        "State of emergency", "General strike", "Protest", "Impeachment", "Vote of no confidence", "Snap election",
        "Coalition government", "Austerity", "Recession", "Stock market crash", "Interest rate", "Central bank",
        "Sovereign default", "Trade war", "Tariff", "Sanctions", "Embargo", "Oil price", "Natural gas", "Nuclear power",
        "Renewable energy", "Deforestation", "Air pollution", "Oil spill", "Vaccination", "Pandemic", "Epidemic",
        "Measles", "Malaria", "Tuberculosis", "Influenza", "Dengue fever", "Ebola virus disease", "Heat wave",
        "Flood", "Avalanche", "Volcanic eruption", "Aviation accident", "Shipwreck", "Train wreck", "Mining accident",
        "Human trafficking", "Drug trafficking", "Money laundering", "Kidnapping", "Piracy", "Mass shooting",
        "Death penalty", "Life imprisonment", "Extradition", "Asylum", "Freedom of the press", "Censorship",
        "Same-sex marriage", "Abortion", "Euthanasia", "Space exploration", "Satellite", "Artificial intelligence",
        "Quantum computing", "Gene therapy", "Exoplanet", "Solar eclipse", "Archaeology", "Fossil", "Marathon",
        "Basketball", "Rugby union", "Cycling", "Boxing", "Athletics", "Chess", "Doping in sport", "Film festival",
        "Nobel Prize", "Literature", "Opera", "Heritage site", "Museum", "Hunger strike", "Martyrdom", "Diaspora",
        "Land mine", "Cluster munition", "Chemical weapon", "Ballistic missile", "Peacekeeping", "Blockade", "Hostage",
    ];

    private static readonly string[] CountrySuffixes = ["ia", "ia", "ia", "a", "a", "ar", "ova", "en", "istan", "and", "eth", "ay", "ia", "o", "ur"];
    private static readonly string[] CitySuffixes = ["", "", "", "", "a", "os", "burg", "grad", "pur", "abad", "ville", "port", "ovo", "ik", "ir"];
    private static readonly string[] CityPrefixes = ["Port ", "San ", "Al-", "New ", "Saint-", "Nova "];
    private static readonly string[] RegionSuffixes = [" Province", " Governorate", " Oblast", " Region", " District", " County", " State", " Prefecture"];
    private static readonly string[] SurnameSuffixes = ["", "", "", "", "ov", "ez", "son", "ski", "ic", "ani", "escu", "enko", "ides", "ssen"];
    private static readonly string[] Honorifics = ["Minister", "General", "Sheikh", "Cardinal", "Prince", "Archbishop", "Ayatollah", "Marshal"];
    private static readonly string[] Departments = ["Defence", "Foreign Affairs", "Health", "Finance", "the Interior", "Justice", "Education", "Energy"];
    private static readonly string[] Ideologies = ["Democratic", "Socialist", "Liberal", "Conservative", "Green", "Labour", "People's", "National"];
    private static readonly string[] Sections = ["History", "Background", "Aftermath", "Reactions", "Casualties", "Results", "Politics", "Economy", "Career", "Timeline"];

    private readonly Entity[] entities;

    private EntityVocabulary(Entity[] entities, int[] ranked, List<int>[] byKind, List<string> cityNames, List<string> firstNames, List<(string From, string To)> redirects)
    {
        this.entities = entities;
        ByKind = byKind;
        CityNames = cityNames;
        FirstNames = firstNames;
        Redirects = redirects;
        Popularity = ZipfSampler.ForTopShare(ranked, TopDrawShare);
    }

    public int Count => entities.Length;

    public Entity this[int index] => entities[index];

    public ZipfSampler Popularity { get; }

    public List<int>[] ByKind { get; }

    /// <summary>Plain city names ("Keltra"), for titles built on them ("Battle of Keltra").</summary>
    public List<string> CityNames { get; }

    public List<string> FirstNames { get; }

    /// <summary>from → to pairs, in the order they were made.</summary>
    public List<(string From, string To)> Redirects { get; }

    public static IReadOnlyList<string> SectionNames => Sections;

    public int RandomOfKind(Random random, EntityKind kind)
    {
        List<int> list = ByKind[(int)kind];
        return list.Count > 0 ? list[random.Next(list.Count)] : random.Next(entities.Length);
    }

    public static EntityVocabulary Build(NameForge names, TitleRegistry registry, int count, int fromYear, int years)
    {
        Random random = names.Random;
        var builder = new Builder(names, registry, fromYear, years);

        int countries = Math.Clamp(count / 200, 8, 200);
        int concepts = Math.Min(Concepts.Length, Math.Max(2, count / 60));
        int rest = count - countries - concepts;
        (EntityKind Kind, double Share)[] mix =
        [
            (EntityKind.City, 0.22), (EntityKind.Region, 0.10), (EntityKind.Person, 0.30),
            (EntityKind.Organisation, 0.18), (EntityKind.Event, 0.14), (EntityKind.Landmark, 0.06),
        ];

        builder.AddMany(EntityKind.Country, countries);
        for (int i = 0; i < concepts; i++)
        {
            builder.TryAdd(new Entity(Concepts[i], EntityKind.Concept));
        }

        int assigned = 0;
        for (int m = 0; m < mix.Length; m++)
        {
            int n = m == mix.Length - 1 ? rest - assigned : (int)(rest * mix[m].Share);
            assigned += n;
            builder.AddMany(mix[m].Kind, n);
        }

        Entity[] all = [.. builder.Entities];

        // Popularity: countries and common nouns lead, as on the real Portal; the rest is mixed.
        var scores = new double[all.Length];
        for (int i = 0; i < all.Length; i++)
        {
            double factor = all[i].Kind switch
            {
                EntityKind.Country => 6,
                EntityKind.Concept => 3,
                EntityKind.Organisation => 1.5,
                EntityKind.Event => 0.6,
                EntityKind.Landmark => 0.5,
                _ => 1,
            };
            scores[i] = -Math.Log(1 - random.NextDouble()) / factor;
        }

        int[] ranked = new int[all.Length];
        for (int i = 0; i < ranked.Length; i++)
        {
            ranked[i] = i;
        }

        Array.Sort(ranked, (a, b) => scores[a] != scores[b] ? scores[a].CompareTo(scores[b]) : a.CompareTo(b));

        var byKind = new List<int>[Enum.GetValues<EntityKind>().Length];
        for (int k = 0; k < byKind.Length; k++)
        {
            byKind[k] = [];
        }

        for (int i = 0; i < all.Length; i++)
        {
            byKind[(int)all[i].Kind].Add(i);
        }

        var redirects = new List<(string From, string To)>();
        foreach (Entity entity in all)
        {
            if (random.NextDouble() < 0.02)
            {
                builder.AddOldNames(entity, redirects);
            }
        }

        return new EntityVocabulary(all, ranked, byKind, builder.CityNames, builder.FirstNames, redirects);
    }

    /// <summary>
    /// Gives <paramref name="entity"/> one or two older names: old → current, and for a second name
    /// either a chain (older → old → current) or a second direct redirect.
    /// </summary>
    public static void AddOldNames(NameForge names, TitleRegistry registry, string title, EntityKind kind, Func<string, string?>? special, Action<string[]> assign, List<(string From, string To)> redirects)
    {
        Random random = names.Random;
        string? first = OldName(names, registry, title, kind, special);
        if (first is null)
        {
            return;
        }

        redirects.Add((first, title));
        if (random.NextDouble() >= 0.45)
        {
            assign([first]);
            return;
        }

        bool chain = random.NextDouble() < 0.55;
        string? second = OldName(names, registry, chain ? first : title, kind, null);
        if (second is null)
        {
            assign([first]);
            return;
        }

        redirects.Add((second, chain ? first : title));
        assign([first, second]);
    }

    private static string? OldName(NameForge names, TitleRegistry registry, string title, EntityKind kind, Func<string, string?>? special)
    {
        Random random = names.Random;
        for (int attempt = 0; attempt < 6; attempt++)
        {
            string? candidate = attempt == 0 ? special?.Invoke(title) : null;
            candidate ??= (attempt + random.Next(3)) switch
            {
                0 when kind is EntityKind.Event or EntityKind.Organisation => YearMoved(title) ?? Acronym(title),
                0 when kind is EntityKind.Person => StripOrNull(title),
                0 when kind is EntityKind.Country => random.Next(2) == 0 ? "Republic of " + title : "Kingdom of " + title,
                0 when kind is EntityKind.Concept => title + "s",
                1 => YearMoved(title),
                2 => Acronym(title),
                _ => names.Respell(title),
            };
            if (candidate is not null && candidate != title && registry.TryClaim(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>"2015 Varomian general election" was once "Varomian general election, 2015", and back.</summary>
    public static string? YearMoved(string title)
    {
        if (title.Length > 5 && char.IsAsciiDigit(title[0]) && title[4] == ' ' && title[..4].All(char.IsAsciiDigit))
        {
            return string.Concat(title.AsSpan(5), ", ", title.AsSpan(0, 4));
        }

        int comma = title.LastIndexOf(", ", StringComparison.Ordinal);
        if (comma > 0 && title.Length - comma == 6 && title[(comma + 2)..].All(char.IsAsciiDigit))
        {
            return string.Concat(title.AsSpan(comma + 2), " ", title.AsSpan(0, comma));
        }

        return null;
    }

    private static string? Acronym(string title)
    {
        var sb = new StringBuilder();
        foreach (string word in NameForge.WithoutParentheses(title).Split(' '))
        {
            if (word.Length > 0 && char.IsUpper(word[0]))
            {
                sb.Append(NameForge.StripAccents(word[..1]));
            }
        }

        return sb.Length >= 3 ? sb.ToString() : null;
    }

    private static string? StripOrNull(string title)
    {
        string plain = NameForge.StripAccents(title);
        return plain == title ? null : plain;
    }

    /// <summary>Makes titles of each kind and keeps the ones no other title took.</summary>
    private sealed class Builder(NameForge names, TitleRegistry registry, int fromYear, int years)
    {
        private readonly Random random = names.Random;

        public List<Entity> Entities { get; } = [];

        public List<string> CityNames { get; } = [];

        public List<string> FirstNames { get; } = [];

        private readonly List<int> countries = [];

        public void AddMany(EntityKind kind, int n)
        {
            for (int i = 0; i < n; i++)
            {
                for (int attempt = 0; ; attempt++)
                {
                    Entity candidate = Make(kind);
                    if (attempt >= 40)
                    {
                        candidate = new Entity($"{candidate.Title} ({names.Root(2, 3)})", kind) { Short = candidate.Short, Adjective = candidate.Adjective };
                    }

                    if (TryAdd(candidate))
                    {
                        break;
                    }
                }
            }
        }

        public bool TryAdd(Entity entity)
        {
            if (!registry.TryClaim(entity.Title))
            {
                return false;
            }

            switch (entity.Kind)
            {
                case EntityKind.Country:
                    countries.Add(Entities.Count);
                    break;
                case EntityKind.City:
                    CityNames.Add(entity.Short ?? entity.Title);
                    break;
                default:
                    break;
            }

            Entities.Add(entity);
            return true;
        }

        public void AddOldNames(Entity entity, List<(string From, string To)> redirects) =>
            EntityVocabulary.AddOldNames(names, registry, entity.Title, entity.Kind, null, n => entity.OldNames = n, redirects);

        private Entity Make(EntityKind kind) => kind switch
        {
            EntityKind.Country => MakeCountry(),
            EntityKind.City => MakeCity(),
            EntityKind.Region => MakeRegion(),
            EntityKind.Person => MakePerson(),
            EntityKind.Organisation => MakeOrganisation(),
            EntityKind.Event => MakeEvent(),
            _ => MakeLandmark(),
        };

        private int Year() => fromYear - 25 + random.Next(years + 25);

        private Entity Country() => Entities[countries[random.Next(countries.Count)]];

        private string City() => CityNames.Count > 0 && random.NextDouble() < 0.7 ? CityNames[random.Next(CityNames.Count)] : names.Root(1, 3);

        private string MaybeAccent(string word, double p) => random.NextDouble() < p ? names.Accent(word) : word;

        private Entity MakeCountry()
        {
            string name = names.Root(1, 2) + CountrySuffixes[random.Next(CountrySuffixes.Length)];
            string adjective = name.EndsWith("istan", StringComparison.Ordinal) ? name + "i"
                : name.EndsWith('a') || name.EndsWith('o') ? name + "n"
                : name + (random.Next(3) == 0 ? "ese" : "ian");
            return new Entity(name, EntityKind.Country) { Adjective = adjective };
        }

        private Entity MakeCity()
        {
            string root = MaybeAccent(names.Root(1, 3) + CitySuffixes[random.Next(CitySuffixes.Length)], 0.12);
            double r = random.NextDouble();
            if (r < 0.08)
            {
                root = CityPrefixes[random.Next(CityPrefixes.Length)] + root;
            }

            if (r > 0.86 && countries.Count > 0)
            {
                return new Entity($"{root}, {Country().Title}", EntityKind.City) { Short = root };
            }

            if (r > 0.80 && countries.Count > 0)
            {
                return new Entity($"{root} ({Country().Title})", EntityKind.City) { Short = root };
            }

            return new Entity(root, EntityKind.City);
        }

        private Entity MakeRegion()
        {
            string root = MaybeAccent(names.Root(2, 3), 0.08);
            double r = random.NextDouble();
            if (r < 0.1)
            {
                return new Entity((random.Next(2) == 0 ? "Northern " : "Southern ") + root, EntityKind.Region) { Short = root };
            }

            if (r < 0.15 && countries.Count > 0)
            {
                return new Entity($"{root} Province ({Country().Title})", EntityKind.Region) { Short = root };
            }

            return new Entity(root + RegionSuffixes[random.Next(RegionSuffixes.Length)], EntityKind.Region) { Short = root };
        }

        private Entity MakePerson()
        {
            string first = MaybeAccent(names.Root(1, 2) + (random.NextDouble() < 0.3 ? "a" : ""), 0.06);
            string last = MaybeAccent(names.Root(2, 3) + SurnameSuffixes[random.Next(SurnameSuffixes.Length)], 0.12);
            if (FirstNames.Count < 4000)
            {
                FirstNames.Add(NameForge.StripAccents(first));
            }

            double r = random.NextDouble();
            return r switch
            {
                < 0.05 => new Entity($"{first} {(char)('A' + random.Next(26))}. {last}", EntityKind.Person) { Short = last },
                < 0.10 => new Entity($"{first} al-{last}", EntityKind.Person) { Short = "al-" + last },
                < 0.14 => new Entity($"{first} {last} (politician)", EntityKind.Person) { Short = $"{first} {last}" },
                < 0.17 => new Entity($"{first} {last} (footballer)", EntityKind.Person) { Short = last },
                < 0.20 => new Entity($"{Honorifics[random.Next(Honorifics.Length)]} {first} {last}", EntityKind.Person) { Short = last },
                < 0.22 => new Entity($"{first} {last} Jr.", EntityKind.Person) { Short = last },
                < 0.24 when countries.Count > 0 => new Entity($"Prince {first} of {Country().Title}", EntityKind.Person) { Short = "Prince " + first },
                _ => new Entity($"{first} {last}", EntityKind.Person) { Short = last },
            };
        }

        private Entity MakeOrganisation()
        {
            Entity country = countries.Count > 0 ? Country() : new Entity(names.Root(2, 3), EntityKind.Country) { Adjective = "National" };
            string c = country.Title;
            string d = country.Adjective ?? c;
            string root = names.Root(1, 3);
            return random.Next(22) switch
            {
                0 => new Entity($"{d} Army", EntityKind.Organisation) { Short = "army" },
                1 => new Entity($"{d} Armed Forces", EntityKind.Organisation) { Short = $"{d} forces" },
                2 => new Entity($"{d} Navy", EntityKind.Organisation) { Short = "navy" },
                3 => new Entity($"{d} National Police", EntityKind.Organisation) { Short = "police" },
                4 => Department(c, d),
                5 => new Entity($"{root} Party", EntityKind.Organisation),
                6 => new Entity($"{Ideologies[random.Next(Ideologies.Length)]} Party ({c})", EntityKind.Organisation) { Short = $"{Ideologies[random.Next(Ideologies.Length)]} Party" },
                7 => new Entity($"{root} Liberation Front", EntityKind.Organisation),
                8 => new Entity($"{root} Corporation", EntityKind.Organisation) { Short = root },
                9 => new Entity($"{root} Airlines", EntityKind.Organisation),
                10 => new Entity($"Bank of {c}", EntityKind.Organisation) { Short = "central bank" },
                11 => new Entity($"{root} United F.C.", EntityKind.Organisation) { Short = $"{root} United" },
                12 => new Entity($"{City()} F.C.", EntityKind.Organisation),
                13 => new Entity($"{d} Football Federation", EntityKind.Organisation),
                14 => new Entity($"University of {City()}", EntityKind.Organisation),
                15 => new Entity($"{root} & {names.Root(1, 2)}", EntityKind.Organisation),
                16 => new Entity($"{root} Group", EntityKind.Organisation) { Short = root },
                17 => new Entity($"{root} News Agency", EntityKind.Organisation) { Short = $"{d} state media" },
                18 => new Entity($"Supreme Court of {c}", EntityKind.Organisation) { Short = "Supreme Court" },
                19 => new Entity($"Parliament of {c}", EntityKind.Organisation) { Short = "parliament" },
                20 => new Entity($"{MaybeAccent(root, 0.15)} Movement", EntityKind.Organisation),
                _ => new Entity($"{d} Observatory for Human Rights", EntityKind.Organisation),
            };
        }

        private Entity Department(string country, string adjective)
        {
            string department = Departments[random.Next(Departments.Length)];
            return new Entity($"Ministry of {department} ({country})", EntityKind.Organisation) { Short = $"{adjective} Ministry of {department}" };
        }

        private Entity MakeEvent()
        {
            int y = Year();
            Entity country = countries.Count > 0 ? Country() : new Entity(names.Root(2, 3), EntityKind.Country);
            string d = country.Adjective ?? country.Title;
            string city = City();
            string first = FirstNames.Count > 0 ? FirstNames[random.Next(FirstNames.Count)] : names.Root(1, 2);
            return random.Next(13) switch
            {
                0 => new Entity($"Battle of {city}", EntityKind.Event),
                1 => new Entity($"Siege of {city} ({y}–{y + 1 + random.Next(4)})", EntityKind.Event) { Short = $"siege of {city}" },
                2 => new Entity($"{y} {country.Title} earthquake", EntityKind.Event) { Short = "earthquake" },
                3 => new Entity($"{d} general election, {y}", EntityKind.Event) { Short = "general election" },
                4 => new Entity($"{y} {d} presidential election", EntityKind.Event) { Short = "presidential election" },
                5 => new Entity($"{d} insurgency ({y}–present)", EntityKind.Event) { Short = $"{d} insurgency" },
                6 => new Entity($"{y} {city} bombing", EntityKind.Event) { Short = "bombing" },
                7 => new Entity($"Treaty of {city}", EntityKind.Event),
                8 => new Entity($"{y} {names.Root(1, 2)} Cup", EntityKind.Event),
                9 => new Entity($"Hurricane {first} ({y})", EntityKind.Event) { Short = $"Hurricane {first}" },
                10 => new Entity($"{y} {city} Marathon", EntityKind.Event),
                11 => new Entity($"{y} {d} constitutional referendum", EntityKind.Event) { Short = "referendum" },
                _ => new Entity($"{d} War of Independence", EntityKind.Event),
            };
        }

        private Entity MakeLandmark()
        {
            string root = MaybeAccent(names.Root(2, 3), 0.08);
            return random.Next(11) switch
            {
                0 => new Entity($"{root} River", EntityKind.Landmark),
                1 => new Entity($"Lake {root}", EntityKind.Landmark),
                2 => new Entity($"Mount {root}", EntityKind.Landmark),
                3 => new Entity($"{City()} International Airport", EntityKind.Landmark),
                4 => new Entity($"{root} Bridge", EntityKind.Landmark),
                5 => new Entity($"{root} Stadium", EntityKind.Landmark),
                6 => new Entity($"{root} Peninsula", EntityKind.Landmark) { Short = $"northern {root}" },
                7 => new Entity($"{root} Dam", EntityKind.Landmark),
                8 => new Entity($"Great Mosque of {City()}", EntityKind.Landmark),
                9 => new Entity($"{root} Cathedral", EntityKind.Landmark),
                _ => new Entity($"{root} Strait", EntityKind.Landmark),
            };
        }
    }
}
