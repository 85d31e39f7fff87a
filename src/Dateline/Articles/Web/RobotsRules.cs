using System.Text;

namespace Dateline.Articles.Web;

/// <summary>
/// What one site's robots.txt lets Dateline fetch (RFC 9309): the rules of the groups naming
/// Dateline, or else of the <c>*</c> groups; the longest matching Allow/Disallow pattern decides,
/// Allow winning a tie; <c>*</c> matches any run of characters and a final <c>$</c> anchors the end.
/// </summary>
internal sealed class RobotsRules
{
    /// <summary>The product token sites name in their robots.txt to address Dateline: the User-Agent's.</summary>
    public const string ProductToken = Http.PoliteTransport.ProductToken;

    private readonly Rule[] rules;
    private readonly FetchProblem? unavailable;

    private RobotsRules(Rule[] rules, FetchProblem? unavailable)
    {
        this.rules = rules;
        this.unavailable = unavailable;
    }

    /// <summary>No usable robots.txt (e.g. 404): everything is allowed.</summary>
    public static RobotsRules AllowAll { get; } = new([], null);

    /// <summary>robots.txt could not be read (5xx, network): nothing on the host may be fetched.</summary>
    public static RobotsRules Unreachable(FetchProblem why) => new([], why);

    public static RobotsRules Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ours = new List<Rule>();
        var anyone = new List<Rule>();
        bool namesUs = false, namesAnyone = false;
        bool inAgentLines = false, hasOwnGroup = false;

        foreach (var rawLine in text.Split('\n'))
        {
            var hash = rawLine.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? rawLine[..hash] : rawLine).Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key.Equals("user-agent", StringComparison.OrdinalIgnoreCase))
            {
                if (!inAgentLines)
                {
                    // A user-agent line after rules starts a new group.
                    namesUs = namesAnyone = false;
                    inAgentLines = true;
                }

                namesUs |= IsOurToken(value);
                hasOwnGroup |= namesUs;
                namesAnyone |= value == "*";
                continue;
            }

            bool allow = key.Equals("allow", StringComparison.OrdinalIgnoreCase);
            if (!allow && !key.Equals("disallow", StringComparison.OrdinalIgnoreCase))
            {
                continue; // Sitemap, Crawl-delay and the like do not end a group.
            }

            inAgentLines = false;
            if (value.Length == 0)
            {
                continue; // "Disallow:" with no path disallows nothing.
            }

            var rule = new Rule(Normalize(value), allow);
            if (namesUs)
            {
                ours.Add(rule);
            }

            if (namesAnyone)
            {
                anyone.Add(rule);
            }
        }

        // A group naming Dateline replaces the * groups entirely, even when it has no rules.
        return new RobotsRules([.. hasOwnGroup ? ours : anyone], null);
    }

    /// <summary>Null when the URL may be fetched, else why not.</summary>
    public FetchProblem? Check(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (unavailable is not null)
        {
            // A host we cannot reach or may not reach fails the same way for its pages.
            return unavailable.Connection
                ? unavailable
                : new FetchProblem($"robots.txt unavailable ({unavailable.Reason}), so nothing on {url.Authority} is fetched");
        }

        var path = url.PathAndQuery;
        Rule? best = null;
        foreach (var rule in rules)
        {
            if (Matches(rule.Pattern, path)
                && (best is null
                    || rule.Pattern.Length > best.Pattern.Length
                    || (rule.Pattern.Length == best.Pattern.Length && rule.Allow)))
            {
                best = rule;
            }
        }

        return best is { Allow: false }
            ? new FetchProblem($"disallowed by robots.txt (Disallow: {best.Pattern})")
            : null;
    }

    internal static bool Matches(string pattern, string path)
    {
        bool anchored = pattern.EndsWith('$');
        var parts = (anchored ? pattern[..^1] : pattern).Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        if (parts.Length == 1)
        {
            return !anchored || path.Length == parts[0].Length;
        }

        // The earliest placement of each middle piece leaves the most room for the rest.
        int position = parts[0].Length;
        for (int i = 1; i < parts.Length - 1; i++)
        {
            int found = path.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        var last = parts[^1];
        return anchored
            ? path.Length - last.Length >= position && path.EndsWith(last, StringComparison.Ordinal)
            : path.IndexOf(last, position, StringComparison.Ordinal) >= 0;
    }

    // Sites sometimes write the whole User-Agent ("Dateline/0.1"); the product token is what counts.
    private static bool IsOurToken(string value)
    {
        var end = value.IndexOfAny(['/', ' ', '\t']);
        var token = end >= 0 ? value[..end] : value;
        return token.Equals(ProductToken, StringComparison.OrdinalIgnoreCase);
    }

    // URLs are compared in their escaped form, so non-ASCII characters in a pattern are escaped too.
    private static string Normalize(string pattern)
    {
        if (pattern.All(char.IsAscii))
        {
            return pattern;
        }

        var escaped = new StringBuilder(pattern.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in pattern.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            int length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private sealed record Rule(string Pattern, bool Allow);
}
