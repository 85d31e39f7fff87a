using System.Globalization;
using System.Text;
using Dateline.Publishing;

namespace Dateline.Web;

/// <summary>
/// Marks a query's terms in the text of a hit, as FTS5's <c>highlight()</c> does, and cuts a
/// summary down to its best stretch of words, as <c>snippet()</c> would.
/// </summary>
/// <remarks>
/// FTS5 can only mark the hits of a query it is running; asking it to mark the page of hits
/// meant matching every hit of the search a second time (the ranked query, then the marking
/// query), which was a third of a search's time. The page's texts are here anyway, and a
/// query's terms are a few words, so they are found again in those few texts here. To mark
/// what FTS5 matched, words are cut and compared as the site's FTS5 index cuts them (the
/// <c>unicode61</c> tokenizer with <c>remove_diacritics 2</c>): a word is a run of letters,
/// digits and private-use characters, which may go on with the combining accents FTS5 knows,
/// compared without case or accents; a phrase is its words one after the other, the last one a
/// prefix when the term ends in '*'. Overlapping matches are one mark, as in FTS5. A test holds
/// this to FTS5's own <c>highlight()</c> over generated texts and queries.
/// </remarks>
internal sealed class SearchMarks
{
    private readonly string[][] phrases;
    private readonly bool[] prefix;

    public SearchMarks(SearchQuery query)
    {
        var words = new List<string[]>();
        var prefixes = new List<bool>();
        foreach (var phrase in query.Phrases)
        {
            var tokens = Tokens(phrase.Text);
            if (tokens.Count > 0)
            {
                words.Add([.. tokens.Select(t => t.Folded)]);
                prefixes.Add(phrase.Prefix);
            }
        }

        phrases = [.. words];
        prefix = [.. prefixes];
    }

    /// <summary>The whole text, each stretch of matched words between <paramref name="open"/> and <paramref name="close"/>.</summary>
    public string Highlight(string text, char open, char close)
    {
        var tokens = Tokens(text);
        var marks = Marks(tokens);
        if (marks.Count == 0)
        {
            return text;
        }

        var output = new StringBuilder(text.Length + (marks.Count * 2));
        AppendMarked(output, text, tokens, marks, 0, text.Length, 0, tokens.Count - 1, open, close);
        return output.ToString();
    }

    /// <summary>
    /// The stretch of at most <paramref name="size"/> words of <paramref name="text"/> that shows
    /// the most of the query (first the most different terms, then the most matches, then the
    /// earliest), marked, with <paramref name="ellipsis"/> where text was left out; the first
    /// words when none match. Empty for a text without words.
    /// </summary>
    public string Snippet(string text, char open, char close, string ellipsis, int size)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0)
        {
            return string.Empty;
        }

        var found = Instances(tokens);
        int first = 0;
        if (tokens.Count > size && found.Count > 0)
        {
            first = BestStart(found, tokens.Count, size);
        }

        int last = Math.Min(tokens.Count, first + size) - 1;
        var marks = Merge([.. found.Where(f => f.Start >= first && f.End <= last)]);
        var output = new StringBuilder();
        if (first > 0)
        {
            output.Append(ellipsis);
        }

        // The whole text's leading and trailing characters when the stretch reaches its ends.
        int from = first == 0 ? 0 : tokens[first].Start;
        int to = last == tokens.Count - 1 ? text.Length : tokens[last].End;
        AppendMarked(output, text, tokens, marks, from, to, first, last, open, close);
        if (last < tokens.Count - 1)
        {
            output.Append(ellipsis);
        }

        return output.ToString();
    }

    /// <summary>A word of a text: where it is, and its folded form (no case, no accents).</summary>
    internal readonly record struct Token(int Start, int End, string Folded);

    /// <summary>The words of <paramref name="text"/> as the site's FTS5 index cuts them.</summary>
    internal static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>(text.Length / 5);
        Span<char> buffer = stackalloc char[64];
        var folded = new ValueBuffer(buffer);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c < 0x80)
            {
                // Most text is ASCII: a word of ASCII letters and digits needs no decoding, and folds to lower case.
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    i++;
                    continue;
                }

                int end = i + 1;
                while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                {
                    end++;
                }

                if (end == text.Length || text[end] < 0x80)
                {
                    tokens.Add(new Token(i, end, AsciiLower(text.AsSpan(i, end - i))));
                    i = end;
                    continue;
                }
            }

            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int used) != System.Buffers.OperationStatus.Done || !IsWordCharacter(rune))
            {
                i += Math.Max(used, 1);
                continue;
            }

            int start = i;
            folded.Clear();
            while (i < text.Length
                && Rune.DecodeFromUtf16(text.AsSpan(i), out rune, out used) == System.Buffers.OperationStatus.Done
                && (IsWordCharacter(rune) || IsAccent(rune.Value)))
            {
                Fold(rune, ref folded);
                i += used;
            }

            tokens.Add(new Token(start, i, folded.ToString()));
        }

        return tokens;
    }

    private static string AsciiLower(ReadOnlySpan<char> word)
    {
        Span<char> lower = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        Ascii.ToLower(word, lower, out _);
        return new string(lower);
    }

    /// <summary>Letters, digits and private-use characters: unicode61's default categories (L*, N*, Co).</summary>
    private static bool IsWordCharacter(Rune rune)
    {
        if (rune.IsAscii)
        {
            int c = rune.Value;
            return (uint)(c - 'a') < 26 || (uint)(c - 'A') < 26 || (uint)(c - '0') < 10;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.PrivateUse => true,
            _ => false,
        };
    }

    /// <summary>
    /// The combining accents FTS5 lets a word go on with (and drops): its own list, a part of
    /// U+0300–U+0331, as bit masks. Checked against FTS5 for the whole block by a test.
    /// </summary>
    private static bool IsAccent(int c)
    {
        const uint Low = 0x08029FDF; // U+0300–U+031F
        const uint High = 0x000361F8; // U+0320–U+0331
        if (c < 0x300 || c > 0x331)
        {
            return false;
        }

        return c < 0x320 ? (Low & (1u << (c - 0x300))) != 0 : (High & (1u << (c - 0x320))) != 0;
    }

    private static void Fold(Rune rune, ref ValueBuffer folded)
    {
        if (IsAccent(rune.Value))
        {
            return; // remove_diacritics: the accent goes
        }

        if (rune.IsBmp)
        {
            folded.Append(char.ToLowerInvariant(AccentFolding.Fold((char)rune.Value)));
            return;
        }

        var lower = Rune.ToLowerInvariant(rune);
        Span<char> pair = stackalloc char[2];
        int length = lower.EncodeToUtf16(pair);
        for (int k = 0; k < length; k++)
        {
            folded.Append(pair[k]);
        }
    }

    /// <summary>A word's folded characters: on the stack, or in an array once a word outgrows it.</summary>
    private ref struct ValueBuffer(Span<char> initial)
    {
        private Span<char> chars = initial;
        private int length;

        public void Clear() => length = 0;

        public void Append(char c)
        {
            if (length == chars.Length)
            {
                var larger = new char[chars.Length * 2];
                chars.CopyTo(larger);
                chars = larger;
            }

            chars[length++] = c;
        }

        public override readonly string ToString() => new(chars[..length]);
    }

    /// <summary>Every match of every phrase: first and last word, in order of the first.</summary>
    private List<(int Start, int End, int Phrase)> Instances(List<Token> tokens)
    {
        var found = new List<(int Start, int End, int Phrase)>();
        for (int p = 0; p < phrases.Length; p++)
        {
            var words = phrases[p];
            for (int at = 0; at + words.Length <= tokens.Count; at++)
            {
                bool match = true;
                for (int w = 0; w < words.Length && match; w++)
                {
                    var token = tokens[at + w].Folded;
                    match = w == words.Length - 1 && prefix[p] ? token.StartsWith(words[w], StringComparison.Ordinal) : token == words[w];
                }

                if (match)
                {
                    found.Add((at, at + words.Length - 1, p));
                }
            }
        }

        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return found;
    }

    private List<(int Start, int End)> Marks(List<Token> tokens) => Merge(Instances(tokens));

    /// <summary>Overlapping matches as one stretch (matches that only touch stay apart, as in FTS5).</summary>
    private static List<(int Start, int End)> Merge(List<(int Start, int End, int Phrase)> found)
    {
        var marks = new List<(int Start, int End)>();
        foreach (var (start, end, _) in found)
        {
            if (marks.Count > 0 && start <= marks[^1].End)
            {
                marks[^1] = (marks[^1].Start, Math.Max(marks[^1].End, end));
            }
            else
            {
                marks.Add((start, end));
            }
        }

        return marks;
    }

    /// <summary>The first word of the best window of <paramref name="size"/> words, its matches centred in it where the text allows.</summary>
    private static int BestStart(List<(int Start, int End, int Phrase)> found, int count, int size)
    {
        int best = 0;
        (int Distinct, int Matches) bestScore = (-1, -1);
        var seen = new HashSet<int>();
        for (int i = 0; i < found.Count; i++)
        {
            // A window starting at this match: what of the query it shows, and where its matches end.
            seen.Clear();
            int matches = 0;
            int last = found[i].End;
            for (int j = i; j < found.Count && found[j].End < found[i].Start + size; j++)
            {
                seen.Add(found[j].Phrase);
                matches++;
                last = found[j].End;
            }

            if ((seen.Count, matches).CompareTo(bestScore) > 0)
            {
                bestScore = (seen.Count, matches);
                int span = last - found[i].Start + 1;
                best = found[i].Start - ((size - span) / 2);
            }
        }

        return Math.Clamp(best, 0, count - size);
    }

    /// <summary>Appends text[from..to), putting the marks around the words of each stretch.</summary>
    private static void AppendMarked(StringBuilder output, string text, List<Token> tokens, List<(int Start, int End)> marks, int from, int to, int first, int last, char open, char close)
    {
        int at = from;
        foreach (var (start, end) in marks)
        {
            if (start < first || end > last)
            {
                continue;
            }

            output.Append(text, at, tokens[start].Start - at).Append(open);
            output.Append(text, tokens[start].Start, tokens[end].End - tokens[start].Start).Append(close);
            at = tokens[end].End;
        }

        output.Append(text, at, to - at);
    }
}
