using System.Net;
using System.Text;

namespace Dateline.Articles;

/// <summary>How a summary is tidied: entities decoded, white space folded, a long one cut at a sentence end.</summary>
internal static class SummaryText
{
    public const int MaxLength = 1000;

    /// <summary>
    /// Decodes entities left in the text (publishers often escape twice, "&amp;amp;#39;"; JSON-LD
    /// strings are not HTML-decoded at all) and folds every run of white space to one space.
    /// </summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }

        var folded = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = folded.Length > 0;
                continue;
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            folded.Append(c);
        }

        return folded.Length == 0 ? null : folded.ToString();
    }

    /// <summary>
    /// A summary longer than <see cref="MaxLength"/> ends at the last sentence end within it (".",
    /// "!" or "?", with any closing quote or bracket, before a space); with none, at the last word, with "…".
    /// </summary>
    public static string Cut(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        for (int i = MaxLength - 1; i > 0; i--)
        {
            if (text[i] != ' ')
            {
                continue;
            }

            int end = i;
            while (end > 0 && text[end - 1] is '"' or '\'' or ')' or ']' or '”' or '’' or '»')
            {
                end--;
            }

            if (end > 0 && text[end - 1] is '.' or '!' or '?' or '…' && !IsAbbreviation(text, end - 1))
            {
                return text[..i];
            }
        }

        int lastSpace = text.LastIndexOf(' ', MaxLength - 1);
        return (lastSpace > 0 ? text[..lastSpace] : text[..(MaxLength - 1)]) + "…";
    }

    /// <summary>"U.S." or "Mr." mid-sentence: a one-letter or known-short word before the full stop is not a sentence end.</summary>
    private static bool IsAbbreviation(string text, int stop)
    {
        if (text[stop] != '.')
        {
            return false;
        }

        int start = stop;
        while (start > 0 && text[start - 1] != ' ')
        {
            start--;
        }

        var word = text.AsSpan(start, stop - start);
        return word.Length == 1 || word.Contains('.') || word is "Mr" or "Mrs" or "Ms" or "Dr" or "St" or "Gen" or "Sen" or "Rep" or "Gov" or "Lt" or "Col" or "Sgt" or "Jr" or "Sr" or "vs";
    }
}
