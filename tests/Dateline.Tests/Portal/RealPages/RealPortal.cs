using System.Globalization;
using System.Text.RegularExpressions;
using Dateline.Model;
using Dateline.Portal;
using Dateline.Tests.Support;

namespace Dateline.Tests.Portal.RealPages;

/// <summary>The real day pages of <c>../shared/real-portal/</c>, read the way the tests need them.</summary>
internal static partial class RealPortal
{
    /// <summary>What a theory gets when the folder is absent: the theory is skipped, so this is never run.</summary>
    public const string Absent = "(no real pages here)";

    /// <summary>Every <c>.wiki</c> file name, in order; one placeholder when the folder is absent, so member data never throws.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var folder = TestPaths.SharedRealPortal;
        if (folder is null)
        {
            data.Add(Absent);
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.wiki").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    public static string Text(string file) =>
        File.ReadAllText(Path.Combine(TestPaths.SharedRealPortal ?? throw new InvalidOperationException("no real pages"), file));

    /// <summary>The date a file name gives (<c>2017-05-05-excerpt.wiki</c> is 2017-05-05).</summary>
    public static DateOnly DateOf(string file) =>
        DateOnly.ParseExact(file[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DayPage Parse(string file) => DayPageParser.Parse(Text(file), DateOf(file), "file name");

    /// <summary>What in <paramref name="text"/> is wikitext a reader never sees, or "" when nothing is.</summary>
    public static string WikitextIn(string text)
    {
        foreach (var token in new[] { "{{", "}}", "[[", "]]", "''", "<!--" })
        {
            if (text.Contains(token, StringComparison.Ordinal))
            {
                return token;
            }
        }

        // HTML character references (&amp; &nbsp; &#91; &#x5B;); a bare "&" is text and fine.
        var reference = CharacterReference().Match(text);
        if (reference.Success)
        {
            return reference.Value;
        }

        // Inline HTML tags: <br>, <small>, <sup>, <ref>, <nowiki> and their kin are dropped or read as a space.
        var tag = InlineTag().Match(text);
        if (tag.Success)
        {
            return tag.Value;
        }

        // Zero-width characters and soft hyphens are removed.
        foreach (var c in text)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD')
            {
                return $"U+{(int)c:X4}";
            }
        }

        return "";
    }

    [GeneratedRegex(@"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")]
    private static partial Regex CharacterReference();

    [GeneratedRegex(@"</?(br|small|big|sup|sub|span|abbr|s|u|del|ins|ref|nowiki|div|code|center|font)\b[^>]*>?", RegexOptions.IgnoreCase)]
    private static partial Regex InlineTag();

    public static void AssertNoWikitext(string what, string text)
    {
        var found = WikitextIn(text);
        Assert.True(found.Length == 0, $"{what} holds wikitext «{found}»: {text}");
    }

    public static Citation Cite(string label, string url) => new(label, url);
}
