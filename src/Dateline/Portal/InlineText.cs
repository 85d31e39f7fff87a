using System.Net;
using System.Text;
using Dateline.Model;

namespace Dateline.Portal;

/// <summary>One bullet's or heading's text as a reader sees it, with the entities and citations it links.</summary>
internal sealed record InlineText(string Text, IReadOnlyList<string> Entities, IReadOnlyList<Citation> Citations);

/// <summary>
/// Reads the inline wikitext of one line: internal links (with pipes, trails and namespaces),
/// external links (citations), bold and italic quotes and a few inline HTML tags. Templates,
/// comments and refs are already gone (see <see cref="MarkupStripper"/>). Linear in the line.
/// </summary>
internal static class InlineParser
{
    private static readonly string[] UrlSchemes = ["http://", "https://", "//", "ftp://", "ftps://", "mailto:", "news:", "irc://", "ircs://"];

    // Inline tags whose markup is not text but whose content is; anything else stays literal text.
    private static readonly HashSet<string> TransparentTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "b", "i", "u", "s", "em", "strong", "small", "big", "sup", "sub", "span", "del", "ins", "abbr", "code", "nowiki", "font", "cite", "q", "bdi",
        "bdo", "strike", "tt", "kbd", "samp", "var", "mark", "dfn", "time", "data", "center", "div", "p", "wbr", "ruby", "rb", "rt", "rp",
        "includeonly", "onlyinclude", "noinclude", "poem", "br",
    };

    /// <summary>
    /// Stands in the text, while a line is read, where a citation was: what is left around the
    /// citations (the commas between them, brackets that held only them, a note after them) is
    /// told from the sentence by where these stand. A private-use character: never in wikitext
    /// that reaches here (the day page's own are replaced before reading).
    /// </summary>
    internal const char CitationMark = '\uE000';

    // Removed from text as MediaWiki's reader never sees them: zero-width spaces and joiners, the word joiner, the BOM, soft hyphens.
    private static readonly System.Buffers.SearchValues<char> Invisible = System.Buffers.SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF\u00AD");

    public static InlineText Parse(string line) => Parse(line, decode: true);

    /// <summary>
    /// <paramref name="decode"/> is false for a fragment inside a line (a piped link's text): the
    /// line's entities are decoded once, at the end, so "&amp;amp;lt;" stays the text "&amp;lt;".
    /// </summary>
    private static InlineText Parse(string line, bool decode)
    {
        var text = new StringBuilder(line.Length);
        var entities = new List<string>();
        var citations = new List<Citation>();
        var linkEnds = MatchLinks(line);
        int apostropheBold = BoldReadAsApostrophe(line);
        var closeBracket = new ForwardFinder(line, "]");
        var closeAngle = new ForwardFinder(line, ">");
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (c == '[' && i + 1 < line.Length && line[i + 1] == '[' && linkEnds.TryGetValue(i, out int linkEnd))
            {
                i = ReadInternalLink(line, i, linkEnd, text, entities, citations);
            }
            else if (c == '[' && TryReadExternalLink(line, i, ref closeBracket, text, out int extEnd, out var citation))
            {
                if (citation is not null)
                {
                    citations.Add(citation);
                    text.Append(CitationMark);
                }

                i = extEnd;
            }
            else if (c == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
            {
                if (i == apostropheBold)
                {
                    text.Append('\'');
                    i++; // then the rest of the run, two quotes: italics
                }

                i = SkipQuotes(line, i, text);
            }
            else if (c == '<' && TryMatchTransparentTag(line, i, ref closeAngle, text, out int tagEnd))
            {
                i = tagEnd;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        if (!decode)
        {
            // A fragment's citations are not the line's: no mark of them may reach the line's text.
            return new InlineText(text.Replace(CitationMark.ToString(), string.Empty).ToString(), entities, citations);
        }

        var shown = CitationRuns.TakeOut(text.ToString(), citations);
        return new InlineText(Visible(Decode(shown)), entities, citations);
    }

    /// <summary>The text without the characters a reader never sees (see <see cref="Invisible"/>).</summary>
    internal static string Visible(string text)
    {
        if (text.AsSpan().IndexOfAny(Invisible) < 0)
        {
            return text;
        }

        var visible = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!Invisible.Contains(c))
            {
                visible.Append(c);
            }
        }

        return visible.ToString();
    }

    /// <summary>Plain text of a fragment (a label, a heading): formatting dropped, links as shown.</summary>
    public static string PlainText(string fragment) => FoldWhiteSpace(Parse(fragment).Text).Trim();

    /// <summary>Every run of white space becomes one space; the start is trimmed, the end is kept.</summary>
    public static string FoldWhiteSpace(string text)
    {
        var result = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && result.Length > 0)
            {
                result.Append(' ');
            }

            pendingSpace = false;
            result.Append(c);
        }

        if (pendingSpace && result.Length > 0)
        {
            result.Append(' ');
        }

        return result.ToString();
    }

    private static string Decode(string text) => text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text;

    /// <summary>Maps each matched <c>[[</c> to the index of its <c>]]</c>, nesting with a stack.</summary>
    private static Dictionary<int, int> MatchLinks(string line)
    {
        var ends = new Dictionary<int, int>();
        if (!line.Contains("[[", StringComparison.Ordinal))
        {
            return ends;
        }

        var open = new Stack<int>();
        int i = 0;
        while (i < line.Length - 1)
        {
            if (line[i] == '[' && line[i + 1] == '[')
            {
                open.Push(i);
                i += 2;
            }
            else if (line[i] == ']' && line[i + 1] == ']' && open.Count > 0)
            {
                ends[open.Pop()] = i;
                i += 2;
            }
            else
            {
                i++;
            }
        }

        return ends;
    }

    private static int ReadInternalLink(string line, int start, int close, StringBuilder text, List<string> entities, List<Citation> citations)
    {
        var inner = line.AsSpan(start + 2, close - start - 2);
        int end = close + 2;

        // A title cannot hold '[': a bracket before any pipe (a link nested in the target) makes
        // this no link. Stopping at it keeps "[[[[[[…]]]]]]" linear: no scan to the far "]]".
        int pipe = inner.IndexOfAny('|', '[');
        if (pipe >= 0 && inner[pipe] == '[')
        {
            text.Append("[[");
            return start + 2;
        }

        var target = pipe >= 0 ? inner[..pipe] : inner;
        var place = Namespaces.Classify(target);
        if (place == LinkPlace.Hidden)
        {
            return end; // File:, Category:, interlanguage: neither entity nor text
        }

        if (inner.Contains("[[", StringComparison.Ordinal))
        {
            // A link inside an article link is not valid wikitext: show the brackets as text.
            text.Append("[[");
            return start + 2;
        }

        var shownText = pipe < 0 ? null : FoldWhiteSpace(Parse(inner[(pipe + 1)..].ToString(), decode: false).Text).Trim();
        if (place == LinkPlace.Wikinews && Namespaces.WikinewsTitle(target) is { Length: > 0 } story
            && (shownText is null || (shownText.StartsWith('(') && shownText.EndsWith(')')) || shownText.Equals("Wikinews", StringComparison.OrdinalIgnoreCase)))
        {
            // [[n:Service held in Nova Scotia|(Wikinews)]]: Wikinews as a source.
            citations.Add(new Citation("Wikinews", "https://en.wikinews.org/wiki/" + Decode(story).Replace(' ', '_')));
            text.Append(CitationMark);
            return end;
        }

        if (place == LinkPlace.Elsewhere)
        {
            // Another namespace or project, or a link that begins with a colon: its text shows, no entity.
            text.Append(shownText is { Length: > 0 } ? shownText : pipe == inner.Length - 1 ? PipeTrick(target) : Namespaces.WithoutPrefix(target));
            return end;
        }

        // MediaWiki decodes entities in titles: [[AT&amp;T]] and [[AT&T]] are one article.
        var title = Entity.NormalizeTitle(Visible(Decode(target.TrimStart(':').ToString())));
        if (title.Length > 0 && !entities.Contains(title))
        {
            entities.Add(title);
        }

        if (pipe < 0)
        {
            // [[:Paris]] shows "Paris": the leading colon only says "a link, not a category".
            var shown = target.TrimStart();
            text.Append(shown.StartsWith(':') ? shown[1..] : target);
        }
        else if (pipe == inner.Length - 1)
        {
            text.Append(PipeTrick(target)); // [[Paris, Texas|]] shows "Paris"
        }
        else
        {
            text.Append(shownText);
        }

        // Link trail: English Wikipedia glues following lower-case letters to the link text.
        while (end < line.Length && line[end] is >= 'a' and <= 'z')
        {
            text.Append(line[end++]);
        }

        return end;
    }

    private static string PipeTrick(ReadOnlySpan<char> target)
    {
        var shown = target.TrimStart(':');
        int colon = shown.IndexOf(':');
        if (colon >= 0)
        {
            shown = shown[(colon + 1)..];
        }

        int paren = shown.IndexOf(" (", StringComparison.Ordinal);
        if (paren > 0)
        {
            shown = shown[..paren];
        }

        int comma = shown.IndexOf(',');
        if (comma > 0)
        {
            shown = shown[..comma];
        }

        return shown.Trim().ToString();
    }

    /// <summary>
    /// <c>[url label]</c>: a citation (<paramref name="citation"/>), or, when its label is not in
    /// brackets and the sentence goes on after it, a link in the prose whose label is written to
    /// <paramref name="text"/> (<paramref name="citation"/> null). <c>[not a url]</c> stays text.
    /// </summary>
    private static bool TryReadExternalLink(string line, int start, ref ForwardFinder closeBracket, StringBuilder text, out int end, out Citation? citation)
    {
        end = start;
        citation = null;
        var rest = line.AsSpan(start + 1);
        bool isUrl = false;
        foreach (var scheme in UrlSchemes)
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                isUrl = true;
                break;
            }
        }

        if (!isUrl)
        {
            return false;
        }

        int closeAt = closeBracket.Next(start + 1);
        if (closeAt < 0)
        {
            return false;
        }

        int close = closeAt - start - 1;

        var body = rest[..close];
        int space = body.IndexOfAny(' ', '\t');
        var url = (space < 0 ? body : body[..space]).ToString();
        var rawLabel = space < 0 ? string.Empty : body[(space + 1)..].ToString();
        end = start + 1 + close + 1;
        if (IsProse(line, end, text, rawLabel))
        {
            text.Append(FoldWhiteSpace(Parse(rawLabel, decode: false).Text).Trim());
            return true;
        }

        var label = CitationLabel(rawLabel);
        if (label.Length == 0)
        {
            label = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;
        }

        citation = new Citation(label, url);
        return true;
    }

    /// <summary>
    /// A labelled link is part of the sentence when its label is not in brackets, the text before
    /// it does not end a sentence, and words follow it (<c>releases a [url video] of the attack</c>).
    /// </summary>
    private static bool IsProse(string line, int after, StringBuilder before, string rawLabel)
    {
        var label = rawLabel.AsSpan().Trim().TrimStart('\'');
        if (label.Length == 0 || label[0] == '(')
        {
            return false;
        }

        int next = after;
        while (next < line.Length && line[next] == ' ')
        {
            next++;
        }

        if (next >= line.Length || !char.IsLetterOrDigit(line[next]))
        {
            return false;
        }

        int last = before.Length - 1;
        while (last >= 0 && char.IsWhiteSpace(before[last]))
        {
            last--;
        }

        return last >= 0 && char.IsLetterOrDigit(before[last]); // not after '.', ')', or another citation
    }

    /// <summary><c>(''Al Jazeera'')</c> reads <c>Al Jazeera</c>.</summary>
    private static string CitationLabel(string raw)
    {
        var label = PlainText(raw);
        if (label.Length >= 2 && label[0] == '(' && label[^1] == ')')
        {
            label = label[1..^1].Trim();
        }

        return label;
    }

    /// <summary>
    /// A run of two or more apostrophes is bold or italic markup, except that a run of four
    /// keeps one apostrophe (MediaWiki reads it as an apostrophe then bold) and a run longer than
    /// five keeps the surplus.
    /// </summary>
    /// <summary>
    /// MediaWiki's rule for unbalanced quotes: when a line has an odd number of italic and an
    /// odd number of bold runs, one bold run is an apostrophe then italics, the first that
    /// follows a letter (<c>''[[Time]]'''s</c> reads "Time's"). Its place, or -1.
    /// </summary>
    private static int BoldReadAsApostrophe(string line)
    {
        int italics = 0, bolds = 0, firstBold = -1, firstBoldAfterText = -1;
        for (int i = 0; i < line.Length;)
        {
            if (line[i] != '\'')
            {
                i++;
                continue;
            }

            int end = i;
            while (end < line.Length && line[end] == '\'')
            {
                end++;
            }

            int run = end - i;
            if (run == 2)
            {
                italics++;
            }
            else if (run is 3 or 4)
            {
                bolds++;
                int at = run == 4 ? i + 1 : i;
                firstBold = firstBold < 0 ? at : firstBold;
                if (firstBoldAfterText < 0 && at > 0 && line[at - 1] is not ' ' and not '\'')
                {
                    firstBoldAfterText = at;
                }
            }
            else if (run >= 5)
            {
                italics++;
                bolds++;
            }

            i = end;
        }

        return italics % 2 == 1 && bolds % 2 == 1 ? (firstBoldAfterText >= 0 ? firstBoldAfterText : firstBold) : -1;
    }

    private static int SkipQuotes(string line, int start, StringBuilder text)
    {
        int end = start;
        while (end < line.Length && line[end] == '\'')
        {
            end++;
        }

        int run = end - start;
        int literal = run switch
        {
            4 => 1,
            > 5 => run - 5,
            _ => 0,
        };
        text.Append('\'', literal);
        return end;
    }

    private static bool TryMatchTransparentTag(string line, int start, ref ForwardFinder closeAngle, StringBuilder text, out int end)
    {
        end = start;
        int i = start + 1;
        if (i < line.Length && line[i] == '/')
        {
            i++;
        }

        int nameStart = i;
        while (i < line.Length && char.IsAsciiLetter(line[i]))
        {
            i++;
        }

        if (i == nameStart || !TransparentTags.Contains(line[nameStart..i]))
        {
            return false;
        }

        int close = closeAngle.Next(i);
        if (close < 0 || (i < line.Length && line[i] != '>' && line[i] != ' ' && line[i] != '/'))
        {
            return false;
        }

        end = close + 1;
        if (string.Compare(line, nameStart, "br", 0, 2, StringComparison.OrdinalIgnoreCase) == 0 && i - nameStart == 2)
        {
            text.Append(' '); // <br>, <br />: the line breaks, the words stay apart
        }

        return true;
    }
}
