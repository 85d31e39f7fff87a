using System.Text;
using Dateline.Model;

namespace Dateline.Portal;

/// <summary>
/// Takes the citations out of a line's text as a reader of the page sees it (FORMAT.md,
/// "Punctuation between citations"): with each run of citations go the commas and
/// conjunctions between them, brackets that held only them, and a short note in brackets right
/// after them. A run that ends the line leaves the text before it as it was (the seed keeps the
/// space before its citation); a run inside the sentence leaves one space if it stood apart.
/// Older pages group citations under a source's name, <c>(Haaretz: [url 1], [url 2])</c>: those
/// citations are labelled <c>Haaretz 1</c> and <c>Haaretz 2</c>.
/// </summary>
internal static class CitationRuns
{
    private const char Mark = InlineParser.CitationMark;

    // A note after a citation ("(registration required)") is short; longer brackets are the sentence's.
    private const int LongestNote = 100;

    // A source's name before grouped citations ("Haaretz:") is short.
    private const int LongestGroupName = 60;

    /// <param name="text">The line's text with <see cref="InlineParser.CitationMark"/> where each of <paramref name="citations"/> stood, in order.</param>
    /// <param name="citations">The line's citations; those of a group get their source's name before their label.</param>
    public static string TakeOut(string text, List<Citation> citations)
    {
        int first = text.IndexOf(Mark, StringComparison.Ordinal);
        if (first < 0)
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        output.Append(text, 0, first);
        int citation = 0;
        int i = first;
        while (i < text.Length)
        {
            if (text[i] != Mark)
            {
                output.Append(text[i++]);
                continue;
            }

            int runFirstCitation = citation;
            int end = Run(text, i, ref citation);
            bool apart = i > 0 && char.IsWhiteSpace(text[i - 1]);

            // Brackets that held only citations (perhaps after a source's name) go with them.
            int close = SkipSeparators(text, end);
            if (close < text.Length && text[close] is ')' or ']' && OpenedBefore(output, text[close] == ')' ? '(' : '[', out int open, out var group))
            {
                apart = open > 0 && char.IsWhiteSpace(output[open - 1]);
                output.Length = open;
                end = close + 1;
                if (group.Length > 0)
                {
                    for (int c = runFirstCitation; c < Math.Min(citation, citations.Count); c++)
                    {
                        citations[c] = citations[c] with { Label = $"{group} {citations[c].Label}" };
                    }
                }
            }

            if (OnlySeparators(text, end))
            {
                break; // the run ends the line: the text before it stays as it was
            }

            apart |= end < text.Length && char.IsWhiteSpace(text[end]);
            if (apart && output.Length > 0 && !char.IsWhiteSpace(output[^1]))
            {
                output.Append(' ');
            }

            i = end;
            while (i < text.Length && char.IsWhiteSpace(text[i]) && output.Length > 0 && char.IsWhiteSpace(output[^1]))
            {
                i++; // one space where the run stood
            }
        }

        return output.ToString(); // every mark was a run's: none is left in the text
    }

    /// <summary>
    /// The end of the run of citations that starts at the mark at <paramref name="start"/>:
    /// further marks with only separators between, and a short note in brackets after a mark.
    /// </summary>
    private static int Run(string text, int start, ref int citation)
    {
        int end = start + 1;
        citation++;
        while (true)
        {
            int next = SkipSeparators(text, end);
            if (next < text.Length && text[next] == Mark)
            {
                citation++;
                end = next + 1;
                continue;
            }

            // A note in brackets goes with the citation only where the sentence does not go on
            // after it ("… (AP)] (registration required), [url (BBC)]"): "[url (AP)] (a former
            // general) resigned" keeps its brackets.
            int note = SkipWhiteSpace(text, end);
            if (note < text.Length && text[note] == '(' && NoteEnd(text, note) is int noteEnd and > 0)
            {
                int after = SkipSeparators(text, noteEnd);
                if (after == text.Length || text[after] is Mark or '(' or ')' or ']')
                {
                    end = noteEnd;
                    continue;
                }
            }

            return end;
        }
    }

    /// <summary>
    /// Just past the short note in brackets that opens at <paramref name="open"/> ("(Link dead as
    /// of 22:46, 14 January 2007 (UTC))": one level of brackets inside), or -1 when it is none.
    /// </summary>
    private static int NoteEnd(string text, int open)
    {
        int depth = 0;
        int limit = Math.Min(text.Length, open + LongestNote);
        for (int i = open; i < limit; i++)
        {
            switch (text[i])
            {
                case '(':
                    if (++depth > 2)
                    {
                        return -1;
                    }

                    break;
                case ')':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case Mark:
                    return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// True when the text already written ends with an opening bracket, perhaps followed by a
    /// source's name and a colon (<c>(Haaretz: </c>), and white space: the bracket's place and the name.
    /// </summary>
    private static bool OpenedBefore(StringBuilder output, char bracket, out int open, out string group)
    {
        open = -1;
        group = string.Empty;
        int at = output.Length - 1;
        while (at >= 0 && char.IsWhiteSpace(output[at]))
        {
            at--;
        }

        if (at >= 0 && output[at] == bracket)
        {
            open = at;
            return true;
        }

        if (at < 0 || output[at] != ':')
        {
            return false;
        }

        int colon = at;
        int limit = Math.Max(0, colon - LongestGroupName);
        for (int b = colon - 1; b >= limit; b--)
        {
            char c = output[b];
            if (c == bracket)
            {
                var name = InlineParser.FoldWhiteSpace(output.ToString(b + 1, colon - b - 1)).Trim();
                if (name.Length == 0)
                {
                    return false;
                }

                open = b;
                group = name;
                return true;
            }

            if (c is '(' or ')' or '[' or ']' or Mark or ':' or '.')
            {
                return false;
            }
        }

        return false;
    }

    private static bool OnlySeparators(string text, int from) => SkipSeparators(text, from) == text.Length;

    /// <summary>Past white space and what stands between citations: commas, semicolons, slashes, dashes, "and".</summary>
    private static int SkipSeparators(string text, int from)
    {
        int i = from;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c is ',' or ';' or '/' or '|' or '-' or '–' or '—' or '·' or '•')
            {
                i++;
            }
            else if (IsWord(text, i, "and") || IsWord(text, i, "or"))
            {
                i += text[i] == 'a' ? 3 : 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int SkipWhiteSpace(string text, int from)
    {
        while (from < text.Length && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    private static bool IsWord(string text, int at, string word) =>
        string.CompareOrdinal(text, at, word, 0, word.Length) == 0
        && (at + word.Length == text.Length || !char.IsLetterOrDigit(text[at + word.Length]))
        && (at == 0 || !char.IsLetterOrDigit(text[at - 1]));
}
