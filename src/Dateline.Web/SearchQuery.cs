using System.Text;

namespace Dateline.Web;

/// <summary>
/// Turns what a reader types into an FTS5 query, so no input is ever FTS5 syntax of its own
/// (a stray quote or "NEAR(" cannot make the query fail or change its meaning):
/// <list type="bullet">
/// <item><c>word</c>: the word (every word must match);</item>
/// <item><c>"two words"</c>: the phrase;</item>
/// <item><c>isla*</c>: any word starting so (at least two letters or digits first);</item>
/// <item><c>a OR b</c>: either;</item>
/// <item><c>-word</c>: not that word.</item>
/// </list>
/// The terms that must or may match are kept beside the FTS5 query (<see cref="Phrases"/>): the
/// server marks them in the hits itself (see <see cref="SearchMarks"/>) instead of asking FTS5
/// to match every hit a second time.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;
    public const int MaxTerms = 12;

    private SearchQuery(string match, IReadOnlyList<SearchPhrase> phrases, bool onePhrase)
    {
        Match = match;
        Phrases = phrases;
        OnePhrase = onePhrase;
        if (onePhrase && !phrases[0].Prefix && SearchMarks.Tokens(phrases[0].Text) is [var token])
        {
            Word = token.Folded;
        }
    }

    /// <summary>The query in FTS5's syntax, every term quoted.</summary>
    public string Match { get; }

    /// <summary>The terms a hit may show (not the excluded ones), as typed.</summary>
    public IReadOnlyList<SearchPhrase> Phrases { get; }

    /// <summary>True when the FTS5 query is one phrase and nothing else (see <see cref="SearchRank"/>).</summary>
    public bool OnePhrase { get; }

    /// <summary>
    /// When the query is one word and nothing else (not a prefix, not a phrase of more words):
    /// that word as the search index holds it (folded as its tokenizer folds words, see
    /// <see cref="SearchMarks"/>), so the search can be answered from the word's stored ranking.
    /// </summary>
    public string? Word { get; }

    /// <summary>The FTS5 query for <paramref name="text"/>, or null with <paramref name="error"/> saying what is wrong with it.</summary>
    public static string? ToMatch(string? text, out string? error) => Parse(text, out error)?.Match;

    /// <summary>The query for <paramref name="text"/>, or null with <paramref name="error"/> saying what is wrong with it.</summary>
    public static SearchQuery? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is required: the words to search for";
            return null;
        }

        if (text.Length > MaxLength)
        {
            error = $"is too long: at most {MaxLength} characters";
            return null;
        }

        if (!IsText(text))
        {
            // A NUL ends the query where FTS5 reads it: such a search is a mistake or a probe, not words.
            error = "must be text: no control characters (white space aside) and no broken characters";
            return null;
        }

        var positive = new List<string>();
        var negative = new List<string>();
        var phrases = new List<SearchPhrase>();
        bool pendingOr = false;
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            bool exclude = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                exclude = true;
                i++;
            }

            string raw;
            bool phrase = text[i] == '"';
            if (phrase)
            {
                int close = text.IndexOf('"', i + 1);
                int end = close < 0 ? text.Length : close;
                raw = text[(i + 1)..end];
                i = close < 0 ? text.Length : close + 1;
            }
            else
            {
                int start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"')
                {
                    i++;
                }

                raw = text[start..i];
            }

            bool prefix = false;
            if (i < text.Length && text[i] == '*' && phrase)
            {
                prefix = true;
                i++;
            }
            else if (raw.EndsWith('*'))
            {
                prefix = true;
                raw = raw.TrimEnd('*');
            }

            if (!phrase && !exclude && raw == "OR")
            {
                pendingOr = positive.Count > 0;
                continue;
            }

            int letters = raw.Count(char.IsLetterOrDigit);
            if (letters == 0)
            {
                continue; // punctuation alone matches nothing the tokenizer keeps
            }

            if (prefix && letters < 2)
            {
                error = $"'{raw}*': a prefix needs at least two letters or digits";
                return null;
            }

            var term = new StringBuilder(raw.Length + 4).Append('"').Append(raw.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            if (prefix)
            {
                term.Append(" *");
            }

            if (positive.Count + negative.Count >= MaxTerms)
            {
                error = $"has too many words: at most {MaxTerms}";
                return null;
            }

            if (exclude)
            {
                negative.Add(term.ToString());
                continue;
            }

            phrases.Add(new SearchPhrase(raw, prefix));
            if (pendingOr)
            {
                positive[^1] = $"({positive[^1]} OR {term})";
                pendingOr = false;
            }
            else
            {
                positive.Add(term.ToString());
            }
        }

        if (positive.Count == 0)
        {
            error = "has no word to search for (only punctuation, or only excluded words)";
            return null;
        }

        var match = string.Join(" AND ", positive);
        return new SearchQuery(negative.Count == 0 ? match : $"({match}) NOT ({string.Join(" OR ", negative)})", phrases, phrases.Count == 1 && negative.Count == 0);
    }

    /// <summary>True when <paramref name="text"/> has no control character but white space, and no unpaired surrogate.</summary>
    private static bool IsText(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsControl(c) && !char.IsWhiteSpace(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A term of a query as typed: a word or a phrase, the last word of it a prefix when <paramref name="Prefix"/>.</summary>
public sealed record SearchPhrase(string Text, bool Prefix);
