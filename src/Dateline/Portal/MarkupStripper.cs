namespace Dateline.Portal;

/// <summary>
/// Removes what is never text before lines are read: comments, <c>&lt;ref&gt;</c> footnotes and
/// templates. Each pass is linear in the input: nesting is matched with an explicit stack, never
/// by recursion, so hostile pages (10,000 nested templates, unbalanced braces) cannot blow up.
/// </summary>
internal static class MarkupStripper
{
    public static MappedText Strip(MappedText text) => RemoveRefsAndTemplates(RemoveComments(text));

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

    public static MappedText RemoveRefsAndTemplates(MappedText source)
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
