using System.Globalization;
using System.Text;

namespace Dateline.Portal;

/// <summary>
/// What the templates on day pages print that a reader needs (FORMAT.md, "What real pages
/// hold"): each known template is turned back into wikitext (text, or a link where the template
/// prints one), which the line reader then reads like any other text. Templates that print
/// nothing a reader needs are silent; any other template is dropped and counted, so that an
/// import can say which text it could not show.
/// </summary>
internal static class TextTemplates
{
    // Printed as their one argument (or the last, for those that take a language or a flag first).
    private static readonly HashSet<string> FirstArgument = new(StringComparer.OrdinalIgnoreCase)
    {
        "nowrap", "nobr", "nobreak", "no break", "small", "smaller", "big", "larger", "sic", "not a typo", "notatypo",
        "proper name", "as written", "resize", "em", "strong", "var", "mvar", "math", "abbr", "tooltip", "keypress",
        "lang-en", "nowrap begin", "text", "plain text", "nobold", "noitalic", "quote", "qi", "q", "nowiki", "sc",
        "smallcaps", "small caps", "allcaps", "uc", "lc", "ucfirst", "lcfirst", "transliteration",
    };

    // Templates whose second argument is the text ({{lang|fr|texte}}).
    private static readonly HashSet<string> SecondArgument = new(StringComparer.OrdinalIgnoreCase)
    {
        "lang", "langx", "transl", "script", "native name", "native phrase", "font color", "color", "colour", "font",
    };

    // Currency templates: the symbol, then the amount.
    private static readonly Dictionary<string, string> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["€"] = "€", ["euro"] = "€", ["eur"] = "€", ["us$"] = "US$", ["usd"] = "US$", ["$"] = "$", ["£"] = "£",
        ["gbp"] = "£", ["pound"] = "£", ["¥"] = "¥", ["jpy"] = "¥", ["yen"] = "¥", ["cny"] = "CN¥", ["₹"] = "₹", ["inr"] = "₹",
        ["indian rupee"] = "₹", ["a$"] = "A$", ["aud"] = "A$", ["ca$"] = "CA$", ["cad"] = "CA$", ["nz$"] = "NZ$",
        ["hk$"] = "HK$", ["r$"] = "R$", ["brl"] = "R$", ["₽"] = "₽", ["rub"] = "₽", ["₩"] = "₩", ["krw"] = "₩",
        ["₱"] = "₱", ["php"] = "₱", ["₺"] = "₺", ["try"] = "₺", ["₪"] = "₪", ["ils"] = "₪", ["chf"] = "CHF",
        ["zar"] = "R", ["₦"] = "₦", ["ngn"] = "₦", ["₴"] = "₴", ["uah"] = "₴", ["pkr"] = "Rs", ["mxn"] = "Mex$",
    };

    // Characters and spacing templates.
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ndash"] = "–", ["mdash"] = "—", ["snd"] = " – ", ["spaced ndash"] = " – ", ["spnd"] = " – ", ["sndash"] = " – ",
        ["spaced en dash"] = " – ", ["dash"] = " – ", ["nbsp"] = " ", ["thinsp"] = " ", ["space"] = " ", ["sp"] = " ",
        ["'"] = "'", ["\""] = "\"", ["-"] = "-", ["="] = "=", ["!"] = "|", ["·"] = " · ", ["dot"] = " · ", ["middot"] = "·",
        ["bull"] = " • ", ["euro"] = "€", ["deg"] = "°", ["degree"] = "°", ["times"] = "×", ["pm"] = "±", ["minus"] = "−",
    };

    // Templates that print nothing a reader needs: maintenance tags, citation helpers, the Portal's frame.
    private static readonly HashSet<string> SilentNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "dead link", "deadlink", "webarchive", "wayback", "clarify", "clarification needed", "when", "who", "which",
        "update", "better source", "failed verification", "verify", "refn", "efn", "reflist", "portal", "main",
        "see also", "further", "anchor", "toc", "clear", "use dmy dates", "use mdy dates", "pp", "short description",
        "cbignore", "subscription required", "registration required", "paywall", "sfn", "rp", "dubious", "by whom",
        "cn", "fact", "vague", "unreliable source?", "self-published source", "primary source inline", "wikinews",
        "commons", "commons category", "citation needed", "better source needed", "full citation needed", "page needed",
        "dead link inline", "permanent dead link", "bare url inline", "failed verification span", "ecfnote",
    };

    private static readonly string[] SilentPrefixes = ["current events", "cite ", "citation", "flagicon", "flag icon", "flagdeco", "#"];

    /// <summary>
    /// The wikitext a template prints, from its inner text (between <c>{{</c> and <c>}}</c>, its
    /// own templates already printed); null when it prints nothing a reader needs. A template
    /// the product does not know prints nothing and is named in <paramref name="dropped"/>.
    /// </summary>
    public static string? Print(string inner, IDictionary<string, int>? dropped)
    {
        var parts = SplitArguments(inner);
        var name = Name(parts[0]);
        if (name.Length == 0)
        {
            return null;
        }

        var positional = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 1; i < parts.Count; i++)
        {
            int equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            int link = parts[i].IndexOf("[[", StringComparison.Ordinal);
            if (equals > 0 && (link < 0 || equals < link) && IsParameterName(parts[i].AsSpan(0, equals)))
            {
                named[parts[i][..equals].Trim()] = parts[i][(equals + 1)..].Trim();
            }
            else
            {
                positional.Add(parts[i].Trim());
            }
        }

        var printed = PrintKnown(name, positional, named);
        if (printed is not null)
        {
            return printed;
        }

        if (dropped is not null && !IsSilent(name))
        {
            dropped[name] = dropped.TryGetValue(name, out int seen) ? seen + 1 : 1;
        }

        return null;
    }

    private static string? PrintKnown(string name, List<string> positional, Dictionary<string, string> named)
    {
        string Arg(int i) => i < positional.Count ? positional[i] : string.Empty;

        if (Symbols.TryGetValue(name, out var symbol) && positional.Count == 0)
        {
            return symbol;
        }

        if (Currencies.TryGetValue(name, out var currency))
        {
            return positional.Count == 0 ? currency : currency + Arg(0);
        }

        switch (name.ToLowerInvariant())
        {
            case "m":
                // {{M|w|4.7}}: a magnitude scale and value, Mw 4.7.
                return positional.Count >= 2 ? $"M{Arg(0)} {Arg(1)}" : positional.Count == 1 ? "M" + Arg(0) : "M";
            case "convert":
            case "cvt":
                return Convert(positional);
            case "ill":
            case "interlanguage link":
            case "interlanguage link multi":
            case "illm":
                return positional.Count == 0 ? null : Link(Arg(0), named.GetValueOrDefault("lt"));
            case "ship":
            case "sclass":
                return positional.Count < 2 ? null : Link($"{Arg(0)} {Arg(1)}" + (Arg(2).Length > 0 ? $" ({Arg(2)})" : string.Empty), $"{Arg(0)} {Arg(1)}");
            case "hms" or "uss" or "hmcs" or "hmas" or "hmnzs" or "ins" or "usns" or "rfa" or "hnlms" or "hdms" or "hswms" or "fs" or "sms" or "jds" or "js" or "ars" or "ns" or "hnoms" or "rss" or "kri" or "tcg" or "brp" or "mv" or "ss" or "rms":
                {
                    var prefix = name.ToUpperInvariant();
                    return positional.Count == 0 ? null : Link($"{prefix} {Arg(0)}" + (Arg(1).Length > 0 ? $" ({Arg(1)})" : string.Empty), $"{prefix} {Arg(0)}");
                }
            case "nowrap" or "nobr" or "nobreak" or "no break" when positional.Count > 1:
                return string.Join('|', positional); // a pipe written straight into the text splits it
        }

        if (FirstArgument.Contains(name))
        {
            return positional.Count == 0 ? named.GetValueOrDefault("1") : positional[^1];
        }

        if (SecondArgument.Contains(name) || name.StartsWith("lang-", StringComparison.OrdinalIgnoreCase))
        {
            return name.StartsWith("lang-", StringComparison.OrdinalIgnoreCase) ? Arg(0) : Arg(1);
        }

        return null;
    }

    /// <summary><c>{{convert|10|km|mi}}</c> reads <c>10 km</c>; a range <c>{{convert|10|-|20|km}}</c> <c>10–20 km</c>.</summary>
    private static string? Convert(List<string> positional)
    {
        if (positional.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(positional[0]);
        int at = 1;
        while (at + 1 < positional.Count && IsRangeWord(positional[at]))
        {
            var separator = positional[at] is "-" or "–" or "&ndash;" ? "–" : $" {positional[at]} ";
            text.Append(separator).Append(positional[at + 1]);
            at += 2;
        }

        if (at < positional.Count && positional[at].Length > 0)
        {
            var unit = positional[at];
            text.Append(' ').Append(unit switch
            {
                "C" => "°C",
                "F" => "°F",
                "K" => "K",
                _ => unit,
            });
        }

        return text.ToString();
    }

    private static bool IsRangeWord(string text) =>
        text is "-" or "–" or "&ndash;" or "to" or "and" or "or" or "x" or "×" or "by" or "+" or "+/-" or "±" or "to(-)" or "and(-)";

    private static string Link(string target, string? shown)
    {
        target = target.Trim();
        return string.IsNullOrWhiteSpace(shown) ? $"[[{target}]]" : $"[[{target}|{shown.Trim()}]]";
    }

    private static bool IsSilent(string name)
    {
        if (SilentNames.Contains(name))
        {
            return true;
        }

        foreach (var prefix in SilentPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A template's name as MediaWiki compares it: underscores as spaces, white space folded, trimmed.</summary>
    private static string Name(string raw)
    {
        var name = InlineParser.FoldWhiteSpace(raw.Replace('_', ' ')).Trim();
        if (name.StartsWith("Template:", StringComparison.OrdinalIgnoreCase))
        {
            name = name["Template:".Length..].Trim();
        }

        int colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && name[0] == '#')
        {
            name = name[..colon]; // parser functions ({{#if:…}}) are named by the function
        }

        return name;
    }

    private static bool IsParameterName(ReadOnlySpan<char> name)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > 40)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The template's name and arguments: split at each <c>|</c> that is not inside a link.</summary>
    private static List<string> SplitArguments(string inner)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.Length; i++)
        {
            if (i + 1 < inner.Length && inner[i] == '[' && inner[i + 1] == '[')
            {
                depth++;
                i++;
            }
            else if (i + 1 < inner.Length && inner[i] == ']' && inner[i + 1] == ']' && depth > 0)
            {
                depth--;
                i++;
            }
            else if (inner[i] == '|' && depth == 0)
            {
                parts.Add(inner[start..i]);
                start = i + 1;
            }
        }

        parts.Add(inner[start..]);
        return parts;
    }

    /// <summary>The counts of dropped templates as one line, most frequent first: "Foo ×3, Bar ×1".</summary>
    public static string Describe(IReadOnlyDictionary<string, int> dropped) =>
        string.Join(", ", dropped.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{{{{{d.Key}}}}} ×{d.Value}")));
}
