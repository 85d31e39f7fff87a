namespace Dateline.Portal;

/// <summary>
/// Link prefixes that leave the article space: namespaces, interwiki and interlanguage prefixes.
/// A link with one of them is neither an entity nor text.
/// </summary>
internal static class Namespaces
{
    private static readonly HashSet<string> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        // Namespaces (and their talk pages)
        "Talk", "User", "User talk", "Wikipedia", "Wikipedia talk", "WP", "Project", "File", "File talk", "Image",
        "Media", "MediaWiki", "Template", "Template talk", "Help", "Category", "Category talk", "Portal",
        "Portal talk", "Draft", "Module", "Special", "TimedText", "Book", "Gadget",
        // Interwiki prefixes of the Wikimedia projects
        "wikt", "wiktionary", "w", "wikipedia", "m", "meta", "metawikimedia", "commons", "c", "s", "wikisource",
        "q", "wikiquote", "n", "wikinews", "b", "wikibooks", "v", "wikiversity", "voy", "wikivoyage", "d",
        "wikidata", "species", "wikispecies", "mw", "mediawikiwiki", "foundation", "wmf", "phab", "outreach",
        "incubator", "f", "wikifunctions",
    };

    public static bool IsOutsideArticles(ReadOnlySpan<char> target)
    {
        target = target.Trim();
        bool leadingColon = target.StartsWith(':');
        if (leadingColon)
        {
            target = target[1..].TrimStart();
        }

        int colon = target.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var prefix = target[..colon].Trim().ToString().Replace('_', ' ');
        return Prefixes.Contains(prefix) || IsLanguageCode(prefix);
    }

    /// <summary>
    /// Interlanguage prefixes: two or three lower-case letters, optionally with a hyphenated
    /// variant (<c>fr</c>, <c>zh-yue</c>, <c>be-tarask</c>), plus "simple". Lower case only, so an
    /// article such as "USA: The Movie" is not mistaken for one.
    /// </summary>
    private static bool IsLanguageCode(string prefix)
    {
        if (prefix == "simple")
        {
            return true;
        }

        var parts = prefix.Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetterLower))
        {
            return false;
        }

        return parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterLower));
    }
}
