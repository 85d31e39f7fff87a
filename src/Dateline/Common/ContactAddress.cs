using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dateline.Common;

/// <summary>
/// The operator's contact (an email address or URL) as a User-Agent names it:
/// <c>Product/1.0 (+contact)</c>. HTTP header values are ASCII, and the contact sits inside a
/// comment, so it may hold only printable ASCII, no backslash and only balanced parentheses. A
/// contact outside those rules cannot be sent at all (every request would fail inside the HTTP
/// stack), so it is refused before anything is asked, with the reason and the character.
/// </summary>
public sealed record ContactAddress
{
    private ContactAddress(string text) => Text = text;

    /// <summary>The contact, trimmed.</summary>
    public string Text { get; }

    /// <summary>The contact, or why it cannot be named in a User-Agent (in words for the user).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ContactAddress? contact, [NotNullWhen(false)] out string? problem)
    {
        contact = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            problem = "a contact (email or URL) is required, so whoever is asked can reach whoever runs Dateline";
            return false;
        }

        int depth = 0;
        for (int i = 0; i < trimmed.Length; i++)
        {
            char c = trimmed[i];
            if (char.IsControl(c))
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"the contact must be one line: it has U+{(int)c:X4} at position {i + 1}, and a line break, tab or other control character would end the User-Agent header");
                return false;
            }

            if (c > '~')
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"the contact has {shown} at position {i + 1}; a User-Agent holds only printable ASCII: give an email address or URL in ASCII (e.g. jose@example.org)");
                return false;
            }

            if (c == '\\' || (c == ')' && depth == 0))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"the contact has '{c}' at position {i + 1}, which a User-Agent cannot hold there");
                return false;
            }

            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }

        if (depth != 0)
        {
            problem = "the contact has a '(' that is not closed, which a User-Agent cannot hold";
            return false;
        }

        contact = new ContactAddress(trimmed);
        problem = null;
        return true;
    }

    /// <summary>The contact, or <see cref="ArgumentException"/> naming why it cannot be used.</summary>
    public static ContactAddress Parse(string? text, string parameterName) =>
        TryParse(text, out var contact, out var problem) ? contact : throw new ArgumentException(char.ToUpperInvariant(problem[0]) + problem[1..] + ".", parameterName);

    /// <summary>The User-Agent of <paramref name="product"/> (<c>Name/version</c>) run by this contact.</summary>
    public string UserAgentFor(string product) => $"{product} (+{Text})";

    public override string ToString() => Text;
}
