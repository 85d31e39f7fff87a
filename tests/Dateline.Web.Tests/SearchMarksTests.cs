using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;

namespace Dateline.Web.Tests;

/// <summary>
/// The server marks a query's terms in its hits itself; these tests hold the marks to what
/// FTS5's own highlight() makes of the same text and query, with the site index's tokenizer.
/// </summary>
public sealed class SearchMarksTests : IDisposable
{
    // Words that fold together (case, accents, combining accents FTS5 drops), words that share
    // a beginning (prefixes), digits, letters of other scripts, and separators of every kind.
    private static readonly string[] Words =
    [
        "kong", "Kong", "KONG", "hong", "Hong", "köng", "Kōng", "kong\u0301", "ko\u0308ng", "kongs", "kon", "Hongkong",
        "São", "sao", "Paulo", "PAULO", "Zürich", "zurich", "Øresund", "oresund", "Łódź", "lodz", "İstanbul", "istanbul",
        "al", "Baghdadi", "baghdad", "ISIL", "isil's", "2017", "17", "x2", "Ελλάδα", "ελλαδα", "Москва", "москва", "東京",
        "\uE000", "de", "la", "la-la",
    ];

    private static readonly string[] Separators = [" ", "  ", "-", "'", "’", ", ", ". ", "\"", "(", ") ", "/", "–", "\u00A0", "\t", "_", "…", "·", "\u0301"];

    private readonly SqliteConnection fts;

    public SearchMarksTests()
    {
        fts = new SqliteConnection("Data Source=:memory:");
        fts.Open();
        using var create = fts.CreateCommand();
        create.CommandText = "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')";
        create.ExecuteNonQuery();
    }

    public void Dispose() => fts.Dispose();

    private static Gen<string> Texts =>
        Gen.Elements(Words).Zip(Gen.Elements(Separators)).ListOf().Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)));

    private static Gen<string> Queries =>
        Gen.OneOf(
            Gen.Elements(Words).Select(w => w),
            Gen.Elements(Words).Select(w => w.Length > 2 ? w[..2] + "*" : w),
            Gen.Elements(Words).Two().Select(t => $"\"{t.Item1} {t.Item2}\""),
            Gen.Elements(Words).Two().Select(t => $"\"{t.Item1}-{t.Item2}\"*"),
            Gen.Elements(Words).Two().Select(t => $"{t.Item1} OR {t.Item2}"),
            Gen.Elements(Words).Two().Select(t => $"{t.Item1} -{t.Item2}"),
            Gen.Elements(Words).Two().Select(t => $"{t.Item1} {t.Item2}"));

    [Property(MaxTest = 1500)]
    public Property Marks_are_those_of_fts5_highlight() =>
        Prop.ForAll(Texts.ToArbitrary(), Queries.ToArbitrary(), (text, typed) =>
        {
            var query = SearchQuery.Parse(typed, out _);
            if (query is null)
            {
                return;
            }

            var expected = Fts5Highlight(text, query.Match);
            if (expected is null)
            {
                return; // not a hit: nothing is marked on a text the search did not find
            }

            Assert.Equal(expected, new SearchMarks(query).Highlight(text, '[', ']'));
        });

    [Fact]
    public void The_generated_cases_include_hits_with_marks()
    {
        // Guards the property above against comparing only texts that FTS5 did not match.
        var query = SearchQuery.Parse("\"hong kong\"", out _)!;
        Assert.Equal("[Hong-KÖNG]’s (hong) [hong kong\u0301]", Fts5Highlight("Hong-KÖNG’s (hong) hong kong\u0301", query.Match));
        Assert.Equal("[Hong-KÖNG]’s (hong) [hong kong\u0301]", new SearchMarks(query).Highlight("Hong-KÖNG’s (hong) hong kong\u0301", '[', ']'));
    }

    [Fact]
    public void Combining_accents_go_on_a_word_exactly_where_fts5_lets_them()
    {
        var query = SearchQuery.Parse("xab", out _)!;
        var marks = new SearchMarks(query);
        for (int c = 0x300; c < 0x370; c++)
        {
            var text = "xa" + (char)c + "b";
            Assert.Equal(Fts5Highlight(text, query.Match), marks.Highlight(text, '[', ']') is var mine && mine != text ? mine : null);
        }
    }

    [Property(MaxTest = 500)]
    public Property A_snippet_is_a_marked_stretch_of_the_text_at_most_so_many_words_long() =>
        Prop.ForAll(Texts.ToArbitrary(), Queries.ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (text, typed, size) =>
        {
            var query = SearchQuery.Parse(typed, out _);
            if (query is null)
            {
                return;
            }

            var marks = new SearchMarks(query);
            var snippet = marks.Snippet(text, '[', ']', "§", size); // an ellipsis no text holds
            var words = SearchMarks.Tokens(text);
            if (words.Count == 0)
            {
                Assert.Equal(string.Empty, snippet);
                return;
            }

            // Without its marks and ellipses, the snippet is a piece of the text, of at most `size` words.
            var plain = snippet.Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
            bool cutBefore = plain.StartsWith('§');
            bool cutAfter = plain.EndsWith('§');
            var piece = plain[(cutBefore ? 1 : 0)..(plain.Length - (cutAfter ? 1 : 0))];
            Assert.Contains(piece, text.Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.True(SearchMarks.Tokens(piece).Count <= size, snippet);
            Assert.Equal(words.Count > size, cutBefore || cutAfter);

            // A text that shows a term shows one in its snippet too (when the snippet can hold
            // the longest term generated, four words).
            if (size >= 4 && marks.Highlight(text, '[', ']') != text && !text.Contains('[', StringComparison.Ordinal))
            {
                Assert.Contains("[", snippet, StringComparison.Ordinal);
            }
        });

    [Fact]
    public void A_snippet_centres_its_match_and_says_where_text_was_left_out()
    {
        var marks = new SearchMarks(SearchQuery.Parse("kong", out _)!);
        var text = string.Join(' ', Enumerable.Range(1, 30).Select(i => i == 15 ? "Kong" : "w" + i)) + ".";
        Assert.Equal("…w13 w14 [Kong] w16 w17…", marks.Snippet(text, '[', ']', "…", 5));
        Assert.Equal("w1 w2 w3…", marks.Snippet("w1 w2 w3 w4 w5", '[', ']', "…", 3)); // no match: the beginning
        Assert.Equal("w1 w2 w3.", marks.Snippet("w1 w2 w3.", '[', ']', "…", 3)); // all of it: nothing left out
    }

    /// <summary>FTS5's highlight() of the text for the query, or null when the query does not match it.</summary>
    private string? Fts5Highlight(string text, string match)
    {
        using var command = fts.CreateCommand();
        command.CommandText = "DELETE FROM t; INSERT INTO t(rowid, x) VALUES (1, $text)";
        command.Parameters.AddWithValue("$text", text);
        command.ExecuteNonQuery();
        using var select = fts.CreateCommand();
        select.CommandText = "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH $match";
        select.Parameters.AddWithValue("$match", match);
        return select.ExecuteScalar() as string;
    }
}
