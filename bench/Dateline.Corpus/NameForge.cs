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

    /// <summary>An older spelling of a name: an inserted h, a doubled vowel, v for w, and so on.</summary>
    public string Respell(string name)
    {
        int start = random.Next(4);
        for (int k = 0; k < 4; k++)
        {
            string candidate = ((start + k) % 4) switch
            {
                0 => name.Contains('k', StringComparison.Ordinal) ? ReplaceFirst(name, "k", "kh") : name,
                1 => name.Contains("ia", StringComparison.Ordinal) ? ReplaceFirst(name, "ia", "iya") : name,
                2 => name.Contains('v', StringComparison.Ordinal) ? ReplaceFirst(name, "v", "w") : name,
                _ => DoubleAVowel(name),
            };
            if (candidate != name)
            {
                return candidate;
            }
        }

        return name + "a";
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

    private static string ReplaceFirst(string text, string what, string with)
    {
        int at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    private string DoubleAVowel(string name)
    {
        for (int i = 1 + random.Next(Math.Max(1, name.Length - 1)); i < name.Length; i++)
        {
            if ("aeiou".Contains(name[i], StringComparison.Ordinal))
            {
                return name.Insert(i, name[i].ToString());
            }
        }

        return name;
    }
}

/// <summary>Every title handed out so far (entities, stories, older names): no two may be equal.</summary>
internal sealed class TitleRegistry
{
    private readonly HashSet<string> titles = new(StringComparer.Ordinal);

    public bool TryClaim(string title) => titles.Add(title);
}
