using System.Text;

namespace Dateline.Corpus;

/// <summary>Pronounceable synthetic words built from syllables ("Varomia", "Keltra", "Dorvan").</summary>
internal sealed class NameForge(Random random)
{
    private static readonly string[] Onsets =
    [
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
        "b", "d", "k", "l", "m", "n", "r", "s", "t", "v",
        "br", "dr", "gr", "kr", "tr", "st", "sh", "ch", "th", "vr", "sk", "kh", "pl", "zh",
    ];

    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "a", "ai", "ei", "ou", "ia", "y"];

    private static readonly string[] Codas =
    [
        "", "", "", "", "", "", "n", "r", "l", "s", "m", "k", "th", "rn", "st", "v", "z", "sh", "nd", "rk", "lt",
    ];

    private static readonly string[] AccentFrom = ["a", "e", "i", "o", "u", "c", "s", "z", "n", "r", "y"];

    private static readonly string[][] AccentTo =
    [
        ["á", "ä", "å", "ã", "à"], ["é", "è", "ë", "ê"], ["í", "ï", "ı"], ["ó", "ö", "ø", "ô"], ["ú", "ü", "ů"],
        ["č", "ç"], ["š", "ş"], ["ž"], ["ñ", "ń"], ["ř"], ["ý"],
    ];

    /// <summary>Spelling changes an older name may show, tried from a random start.</summary>
    private static readonly (string From, string To)[] Spellings =
    [
        ("kh", "k"), ("k", "kh"), ("ia", "iya"), ("v", "w"), ("w", "v"), ("ou", "u"), ("sh", "sch"), ("ch", "tch"),
        ("y", "i"), ("ei", "ey"), ("ai", "ay"), ("z", "s"), ("j", "dj"), ("c", "k"), ("th", "t"), ("u", "oo"),
    ];

    /// <summary>Capitalised English words of the title patterns, which an older spelling keeps.</summary>
    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "Province", "Governorate", "Oblast", "Region", "District", "County", "State", "Prefecture", "Northern", "Southern",
        "Port", "San", "New", "Saint", "Nova", "Minister", "General", "Sheikh", "Cardinal", "Prince", "Archbishop",
        "Ayatollah", "Marshal", "Army", "Armed", "Forces", "Navy", "National", "Police", "Ministry", "Defence", "Foreign",
        "Affairs", "Health", "Finance", "Interior", "Justice", "Education", "Energy", "Party", "Democratic", "Socialist",
        "Liberal", "Conservative", "Green", "Labour", "People's", "Liberation", "Front", "Corporation", "Airlines", "Bank",
        "United", "F.C.", "Football", "Federation", "University", "Group", "News", "Agency", "Supreme", "Court",
        "Parliament", "Movement", "Observatory", "Human", "Rights", "Battle", "Siege", "Treaty", "Cup", "Hurricane",
        "Marathon", "War", "Independence", "River", "Lake", "Mount", "International", "Airport", "Bridge", "Stadium",
        "Peninsula", "Dam", "Great", "Mosque", "Cathedral", "Strait", "Aftermath", "Reactions", "Investigation", "Fall",
        "Civil", "Presidency", "Impeachment", "Trial", "Assassination", "Murder", "Acquisition", "Bankruptcy", "Space",
        "Telescope", "Grand", "Prix", "League", "Games", "Film", "Festival", "Song", "Contest", "Biennale", "Union",
        "Republic", "Kingdom", "The", "Jr.",
    };

    public Random Random => random;

    /// <summary>A capitalised word of <paramref name="minSyllables"/> to <paramref name="maxSyllables"/> syllables.</summary>
    public string Root(int minSyllables, int maxSyllables)
    {
        int syllables = random.Next(minSyllables, maxSyllables + 1);
        var sb = new StringBuilder(16);
        for (int s = 0; s < syllables; s++)
        {
            string onset = Onsets[random.Next(Onsets.Length)];
            if (s == 0 && random.NextDouble() < 0.15)
            {
                onset = "";
            }

            sb.Append(onset);
            sb.Append(Vowels[random.Next(Vowels.Length)]);
            bool last = s == syllables - 1;
            string coda = last || random.NextDouble() < 0.3 ? Codas[random.Next(Codas.Length)] : "";
            sb.Append(coda);
        }

        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    /// <summary>Replaces one letter of <paramref name="word"/> (not the first) by an accented form.</summary>
    public string Accent(string word)
    {
        for (int attempt = 0; attempt < 6; attempt++)
        {
            int at = 1 + random.Next(Math.Max(1, word.Length - 1));
            if (at >= word.Length)
            {
                continue;
            }

            int which = Array.IndexOf(AccentFrom, word[at].ToString());
            if (which < 0)
            {
                continue;
            }

            string[] options = AccentTo[which];
            return string.Concat(word.AsSpan(0, at), options[random.Next(options.Length)], word.AsSpan(at + 1));
        }

        return word;
    }

    /// <summary>
    /// An older spelling of a title: one made-up word in it is spelled another way
    /// ("Keltra" → "Kheltra", "Varomia" → "Varomiya"); English words are left alone.
    /// </summary>
    public string Respell(string title)
    {
        string[] words = title.Split(' ');
        var candidates = new List<int>(words.Length);
        for (int i = 0; i < words.Length; i++)
        {
            string bare = words[i].Trim('(', ')', ',');
            if (bare.Length >= 3 && char.IsUpper(bare[0]) && !EnglishWords.Contains(bare))
            {
                candidates.Add(i);
            }
        }

        int at = candidates.Count > 0 ? candidates[random.Next(candidates.Count)] : 0;
        string word = words[at];
        int first = random.Next(Spellings.Length);
        for (int k = 0; k < Spellings.Length; k++)
        {
            (string from, string to) = Spellings[(first + k) % Spellings.Length];
            int found = word.Length > 1 ? word.IndexOf(from, 1, StringComparison.Ordinal) : -1;
            if (found > 0)
            {
                words[at] = string.Concat(word.AsSpan(0, found), to, word.AsSpan(found + from.Length));
                return string.Join(' ', words);
            }
        }

        words[at] = word.EndsWith('a') ? word + "h" : word + "e";
        return string.Join(' ', words);
    }

    public static string StripAccents(string text)
    {
        string decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c switch { 'ø' => 'o', 'ı' => 'i', _ => c });
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string LowerFirst(string text) =>
        text.Length == 0 || !char.IsUpper(text[0]) ? text : string.Concat(char.ToLowerInvariant(text[0]).ToString(), text.AsSpan(1));

    public static string UpperFirst(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    /// <summary>"Siege of Keltra (2014–2017)" reads "Siege of Keltra".</summary>
    public static string WithoutParentheses(string title)
    {
        int open = title.IndexOf(" (", StringComparison.Ordinal);
        return open > 0 ? title[..open] : title;
    }
}

/// <summary>Every title handed out so far (entities, stories, older names): no two may be equal.</summary>
internal sealed class TitleRegistry
{
    private readonly HashSet<string> titles = new(StringComparer.Ordinal);

    public bool TryClaim(string title) => titles.Add(title);
}
