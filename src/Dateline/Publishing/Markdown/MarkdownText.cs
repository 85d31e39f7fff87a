using System.Buffers;
using System.Text;

namespace Dateline.Publishing.Markdown;

/// <summary>
/// Writes text and URLs so that a CommonMark reader gets back exactly what was meant
/// (FORMAT.md, "The event page"): characters that would open emphasis, links, code or HTML are
/// escaped; quotes, apostrophes, parentheses and hyphens are written as they are.
/// </summary>
public static class MarkdownText
{
    // Most text has none of these: runs between them are copied in one go.
    private static readonly SearchValues<char> Special = SearchValues.Create("\\[]*_`<>&\n\r");

    /// <summary>Appends inline text: <c>\ [ ] * _ ` &lt; &gt;</c> escaped, and '&amp;' where it would start an entity.</summary>
    public static StringBuilder AppendText(this StringBuilder markdown, string text)
    {
        var rest = text.AsSpan();
        int offset = 0;
        while (true)
        {
            int next = rest.IndexOfAny(Special);
            if (next < 0)
            {
                return markdown.Append(rest);
            }

            markdown.Append(rest[..next]);
            int at = offset + next;
            char c = text[at];
            switch (c)
            {
                case '&' when !StartsEntity(text, at):
                    markdown.Append('&');
                    break;
                case '\n' or '\r':
                    markdown.Append(' '); // text is one line; a line end would end the block
                    break;
                default:
                    markdown.Append('\\').Append(c);
                    break;
            }

            rest = rest[(next + 1)..];
            offset = at + 1;
        }
    }

    /// <summary>
    /// Appends a paragraph's text: as <see cref="AppendText"/>, and a start that would make the
    /// line a heading, quote, list item or rule is escaped.
    /// </summary>
    public static StringBuilder AppendParagraph(this StringBuilder markdown, string text)
    {
        // Leading white space is no paragraph's content, and four spaces or a tab would make a code
        // block ("  - x" a list): it is left out.
        text = text.TrimStart(' ', '\t', '\n', '\r');
        int digits = 0;
        while (digits < text.Length && digits < 10 && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        // '>' (like '*', '_', '`', '<') is escaped by AppendText itself.
        if (text.Length > 0 && text[0] is '#' or '-' or '+' or '=' or '|' or '~')
        {
            markdown.Append('\\');
        }
        else if (digits > 0 && digits < text.Length && text[digits] is '.' or ')')
        {
            // "1. January" would start an ordered list.
            markdown.Append(text.AsSpan(0, digits)).Append('\\');
            return markdown.AppendText(text[digits..]);
        }

        return markdown.AppendText(text);
    }

    /// <summary>Appends a heading's text: as <see cref="AppendText"/>, and a closing run of '#' kept as text.</summary>
    public static StringBuilder AppendHeading(this StringBuilder markdown, string text)
    {
        int end = text.TrimEnd().Length;
        int hashes = end;
        while (hashes > 0 && text[hashes - 1] == '#')
        {
            hashes--;
        }

        // A line end becomes a space (AppendText), so it too can open a closing sequence.
        if (hashes < end && (hashes == 0 || text[hashes - 1] is ' ' or '\t' or '\n' or '\r'))
        {
            markdown.AppendText(text[..hashes]).Append('\\');
            return markdown.AppendText(text[hashes..]);
        }

        return markdown.AppendText(text);
    }

    /// <summary>
    /// Appends a link destination. A URL with spaces, control characters, parentheses or angle
    /// brackets is written in the &lt;…&gt; form; a backslash is escaped; an entity-like '&amp;' is
    /// written as the entity <c>&amp;amp;</c> (readers such as Markdig decode entities in a
    /// destination even after a backslash); a line end, which no destination can hold, is
    /// percent-encoded.
    /// </summary>
    public static StringBuilder AppendUrl(this StringBuilder markdown, string url)
    {
        bool pointy = false;
        foreach (char c in url)
        {
            if (c <= ' ' || char.IsControl(c) || c is '(' or ')' or '<' or '>')
            {
                pointy = true;
                break;
            }
        }

        if (pointy)
        {
            markdown.Append('<');
        }

        for (int i = 0; i < url.Length; i++)
        {
            char c = url[i];
            if (c == '\\' || (pointy && c is '<' or '>'))
            {
                markdown.Append('\\').Append(c);
            }
            else if (c == '&' && StartsEntity(url, i))
            {
                markdown.Append("&amp;");
            }
            else if (c == '\n')
            {
                markdown.Append("%0A");
            }
            else if (c == '\r')
            {
                markdown.Append("%0D");
            }
            else
            {
                markdown.Append(c);
            }
        }

        return pointy ? markdown.Append('>') : markdown;
    }

    /// <summary>
    /// Appends a URL that must not become a link (not http or https) as a code span: a reader sees
    /// the URL, and nothing inside a code span is a link, an autolink or an escape, so no reader
    /// makes <c>mailto:</c>, <c>ftp:</c> or <c>//host</c> clickable. The fence is one backtick
    /// longer than the URL's longest run of them, a space pads a URL that starts or ends with a
    /// backtick or space (readers take one off each side), and a line end is percent-encoded as
    /// in <see cref="AppendUrl"/>. A URL of nothing but spaces writes nothing.
    /// </summary>
    public static StringBuilder AppendUrlAsText(this StringBuilder markdown, string url)
    {
        if (string.IsNullOrWhiteSpace(url.Replace('\r', ' ').Replace('\n', ' ')))
        {
            return markdown;
        }

        var text = url.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
        int longest = 0;
        for (int i = 0, run = 0; i < text.Length; i++)
        {
            run = text[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        bool pad = text[0] is '`' or ' ' || text[^1] is '`' or ' ';
        markdown.Append('`', longest + 1);
        if (pad)
        {
            markdown.Append(' ');
        }

        markdown.Append(text);
        if (pad)
        {
            markdown.Append(' ');
        }

        return markdown.Append('`', longest + 1);
    }

    /// <summary>
    /// True when '&amp;' at <paramref name="at"/> begins something a CommonMark reader would decode:
    /// <c>&amp;name;</c>, <c>&amp;#123;</c> or <c>&amp;#x1F;</c>.
    /// </summary>
    private static bool StartsEntity(string text, int at)
    {
        int i = at + 1;
        if (i < text.Length && text[i] == '#')
        {
            i++;
            if (i < text.Length && (text[i] == 'x' || text[i] == 'X'))
            {
                i++;
            }
        }

        int start = i;
        while (i < text.Length && i - start <= 32 && char.IsAsciiLetterOrDigit(text[i]))
        {
            i++;
        }

        return i > start && i < text.Length && text[i] == ';';
    }
}
