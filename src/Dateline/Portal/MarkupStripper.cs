using System.Text;

namespace Dateline.Portal;

/// <summary>
/// Removes what is never text before lines are read: comments and <c>&lt;ref&gt;</c> footnotes;
/// templates are replaced by what they print (<see cref="TextTemplates"/>), or removed. Each pass
/// is linear in the input: nesting is matched with an explicit stack, and templates inside
/// templates are printed to a bounded depth, so hostile pages (10,000 nested templates,
/// unbalanced braces) cannot blow up.
/// </summary>
internal static class MarkupStripper
{
    // Templates inside templates deeper than this print nothing: real pages nest two or three.
    private const int MaxTemplateDepth = 6;

    public static MappedText Strip(MappedText text, IDictionary<string, int>? dropped = null) =>
        RemoveRefsAndTemplates(RemoveComments(ProtectNowiki(text)), dropped);

    /// <summary>
    /// <c>&lt;nowiki&gt;…&lt;/nowiki&gt;</c> is literal text: its markup characters are written as
    /// character references, which the line reader decodes only after reading links and quotes.
    /// An empty <c>&lt;nowiki/&gt;</c> goes; an unclosed one protects the rest of its line.
    /// </summary>
    public static MappedText ProtectNowiki(MappedText source)
    {
        var text = source.Text;
        int open = text.IndexOf("<nowiki", StringComparison.OrdinalIgnoreCase);
        if (open < 0)
        {
            return source;
        }

        var builder = new MappedText.Builder(source);
        var closeTag = new ForwardFinder(text, "</nowiki>", StringComparison.OrdinalIgnoreCase);
        var lineEnd = new ForwardFinder(text, "\n");
        int kept = 0;
        while (open >= 0)
        {
            int tagEnd = text.IndexOf('>', open);
            if (tagEnd < 0)
            {
                break;
            }

            builder.Keep(kept, open);
            builder.Drop(open, tagEnd + 1);
            kept = tagEnd + 1;
            if (text[tagEnd - 1] != '/')
            {
                // Remembered searches: a page of unclosed tags is scanned once, not once per tag.
                int close = closeTag.Next(kept);
                int end = lineEnd.Next(kept);
                int contentEnd = close >= 0 ? close : end >= 0 ? end : text.Length;
                var content = new StringBuilder(contentEnd - kept);
                foreach (char c in text.AsSpan(kept, contentEnd - kept))
                {
                    content.Append(c switch
                    {
                        '[' => "&#91;",
                        ']' => "&#93;",
                        '{' => "&#123;",
                        '}' => "&#125;",
                        '\'' => "&#39;",
                        '<' => "&lt;",
                        '>' => "&gt;",
                        '*' => "&#42;",
                        ':' => "&#58;",
                        ';' => "&#59;",
                        '\n' => " ",
                        _ => c.ToString(),
                    });
                }

                builder.Drop(kept, contentEnd);
                builder.Insert(content.ToString());
                kept = close >= 0 ? close + "</nowiki>".Length : contentEnd;
                if (close >= 0)
                {
                    builder.Drop(close, kept);
                }
            }

            open = text.IndexOf("<nowiki", kept, StringComparison.OrdinalIgnoreCase);
        }

        builder.Keep(kept, text.Length);
        return builder.ToMappedText();
    }

    /// <summary>An unclosed comment hides the rest of the text, as MediaWiki does.</summary>
    public static MappedText RemoveComments(MappedText source)
    {
        var text = source.Text;
        int open = text.IndexOf("<!--", StringComparison.Ordinal);
        if (open < 0)
        {
            return source;
        }

        var builder = new MappedText.Builder(source);
        int kept = 0;
        while (open >= 0)
        {
            builder.Keep(kept, open);
            int close = text.IndexOf("-->", open + 4, StringComparison.Ordinal);
            int end = close < 0 ? text.Length : close + 3;
            builder.Drop(open, end);
            kept = end;
            open = end < text.Length ? text.IndexOf("<!--", end, StringComparison.Ordinal) : -1;
        }

        builder.Keep(kept, text.Length);
        return builder.ToMappedText();
    }

    public static MappedText RemoveRefsAndTemplates(MappedText source, IDictionary<string, int>? dropped = null)
    {
        var text = source.Text;
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("<ref", StringComparison.OrdinalIgnoreCase))
        {
            return source;
        }

        var templateEnds = MatchTemplates(text);
        var builder = new MappedText.Builder(source);
        var refFinders = new RefFinders(text);
        int kept = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '{' && templateEnds.TryGetValue(i, out int templateEnd))
            {
                builder.Keep(kept, i);
                builder.Drop(i, templateEnd);
                builder.Insert(Print(text[(i + 2)..(templateEnd - 2)], 1, dropped));
                kept = i = templateEnd;
            }
            else if (c == '<' && TryMatchRef(text, i, ref refFinders, out int refEnd))
            {
                builder.Keep(kept, i);
                builder.Drop(i, refEnd);
                kept = i = refEnd;
            }
            else
            {
                i++;
            }
        }

        builder.Keep(kept, text.Length);
        return builder.ToMappedText();
    }

    /// <summary>What a template prints, given its inner text: its own templates first, to a bounded depth.</summary>
    private static string Print(string inner, int depth, IDictionary<string, int>? dropped)
    {
        if (depth > MaxTemplateDepth)
        {
            return string.Empty;
        }

        if (inner.Contains("{{", StringComparison.Ordinal))
        {
            var ends = MatchTemplates(inner);
            var expanded = new StringBuilder(inner.Length);
            int kept = 0;
            foreach (var (start, end) in ends.OrderBy(e => e.Key))
            {
                expanded.Append(inner, kept, start - kept).Append(Print(inner[(start + 2)..(end - 2)], depth + 1, dropped));
                kept = end;
            }

            inner = expanded.Append(inner, kept, inner.Length - kept).ToString();
        }

        // A printed text stays on its line: the lines are what bullets are made of.
        return TextTemplates.Print(inner, dropped)?.ReplaceLineEndings(" ") ?? string.Empty;
    }

    /// <summary>Maps each outermost matched <c>{{</c> to the index just past its <c>}}</c>.</summary>
    private static Dictionary<int, int> MatchTemplates(string text)
    {
        var (ends, unclosed) = Match(text, literal: null);

        // Openings never closed are literal text; but one closed inside an unclosed outer one is
        // still a template. A second pass with the unclosed ones as text finds those, so
        // "{{a {{b}}" removes "{{b}}".
        return unclosed.Count == 0 ? ends : Match(text, [.. unclosed]).Ends;
    }

    private static (Dictionary<int, int> Ends, Stack<int> Unclosed) Match(string text, HashSet<int>? literal)
    {
        var ends = new Dictionary<int, int>();
        var open = new Stack<int>();
        int i = 0;
        while (i < text.Length - 1)
        {
            if (text[i] == '{' && text[i + 1] == '{')
            {
                if (literal is null || !literal.Contains(i))
                {
                    open.Push(i);
                }

                i += 2;
            }
            else if (text[i] == '}' && text[i + 1] == '}' && open.Count > 0)
            {
                int start = open.Pop();
                if (open.Count == 0)
                {
                    ends[start] = i + 2;
                }

                i += 2;
            }
            else
            {
                i++;
            }
        }

        return (ends, open);
    }

    /// <summary>
    /// <c>&lt;ref name="x" /&gt;</c>, or <c>&lt;ref&gt;…&lt;/ref&gt;</c> up to its closing tag. A
    /// <c>&lt;ref&gt;</c> never closed drops only its opening tag.
    /// </summary>
    private static bool TryMatchRef(string text, int at, ref RefFinders find, out int end)
    {
        end = at;
        if (at + 4 > text.Length || string.Compare(text, at, "<ref", 0, 4, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        int next = at + 4;
        if (next < text.Length && !(char.IsWhiteSpace(text[next]) || text[next] == '>' || text[next] == '/'))
        {
            return false; // <reference>, <refs>: not a footnote
        }

        int tagEnd = find.TagEnd.Next(next);
        int lineEnd = find.LineEnd.Next(next);
        if (tagEnd < 0 || (lineEnd >= 0 && lineEnd < tagEnd))
        {
            return false;
        }

        if (text[tagEnd - 1] == '/')
        {
            end = tagEnd + 1;
            return true;
        }

        int close = find.Close.Next(tagEnd + 1);
        if (close < 0)
        {
            end = tagEnd + 1;
            return true;
        }

        int closeEnd = find.TagEnd.Next(close);
        end = closeEnd < 0 ? text.Length : closeEnd + 1;
        return true;
    }

    /// <summary>The searches a footnote needs, each remembered so that many unclosed tags stay linear.</summary>
    private struct RefFinders(string text)
    {
        public ForwardFinder TagEnd = new(text, ">");
        public ForwardFinder LineEnd = new(text, "\n");
        public ForwardFinder Close = new(text, "</ref", StringComparison.OrdinalIgnoreCase);
    }
}
