namespace Dateline.Portal;

/// <summary>Where a link leads, as far as what a reader sees of it.</summary>
internal enum LinkPlace
{
    /// <summary>An article: its text shows and it names an entity.</summary>
    Article,

    /// <summary>An image, a category, another language's article: nothing shows.</summary>
    Hidden,

    /// <summary>Another namespace or project, or a colon link: its text shows, no entity.</summary>
    Elsewhere,

    /// <summary>A Wikinews story: cited as a source.</summary>
    Wikinews,
}

/// <summary>
/// Link prefixes that leave the article space: namespaces, interwiki and interlanguage prefixes
/// (FORMAT.md: File, Image and Category links and interlanguage links are neither entities nor
/// text; links into other namespaces and projects, and colon links, show their text).
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

    // Links into these show nothing: an image, a category the page is filed in.
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "File", "Image", "Media", "Category" };

    /// <summary>Where a link's target leads, which says what a reader sees of it.</summary>
    public static LinkPlace Classify(ReadOnlySpan<char> target)
    {
        target = target.Trim();
        bool leadingColon = target.StartsWith(':');
        if (leadingColon)
        {
            target = target[1..].TrimStart();
        }

        var prefix = PrefixOf(target);
        if (prefix is null || !(Prefixes.Contains(prefix) || IsLanguageCode(prefix)))
        {
            return LinkPlace.Article;
        }

        if (prefix.Equals("n", StringComparison.OrdinalIgnoreCase) || prefix.Equals("wikinews", StringComparison.OrdinalIgnoreCase))
        {
            return LinkPlace.Wikinews;
        }

        if (leadingColon)
        {
            return LinkPlace.Elsewhere; // [[:Category:X|Y]], [[:fr:Jean Dupont|Jean Dupont]]: a link, its text shown
        }

        return Hidden.Contains(prefix) || IsLanguageCode(prefix) ? LinkPlace.Hidden : LinkPlace.Elsewhere;
    }

    /// <summary>The title of a Wikinews link's story (<c>n:Title</c>), or "".</summary>
    public static string WikinewsTitle(ReadOnlySpan<char> target)
    {
        var rest = target.Trim().TrimStart(':').TrimStart();
        int colon = rest.IndexOf(':');
        return colon < 0 ? string.Empty : rest[(colon + 1)..].Trim().ToString().Replace('_', ' ');
    }

    /// <summary>A link's target less its namespace or project prefix, as the link shows it without a pipe.</summary>
    public static string WithoutPrefix(ReadOnlySpan<char> target)
    {
        var rest = target.Trim().TrimStart(':').TrimStart();
        int colon = rest.IndexOf(':');
        var shown = colon < 0 ? rest : rest[(colon + 1)..];
        return shown.Trim().ToString().Replace('_', ' ');
    }

    private static string? PrefixOf(ReadOnlySpan<char> target)
    {
        int colon = target.IndexOf(':');
        return colon <= 0 ? null : target[..colon].Trim().ToString().Replace('_', ' ');
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
