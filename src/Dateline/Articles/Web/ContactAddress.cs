namespace Dateline.Articles.Web;

/// <summary>
/// Whom a site's or the wiki's operators can reach about Dateline's requests: an email or URL,
/// written into the User-Agent as <c>Dateline/{version} (+{contact})</c>. Checked once, where
/// it is given (the command line), so a contact that cannot be sent is a clear refusal at
/// once, not a failure of every request later: one line (a line break would end the header and
/// start another), nothing that would end the User-Agent's comment early (its parentheses and
/// backslash), and short. Characters outside ASCII are the HTTP clients' to encode.
/// </summary>
public sealed record ContactAddress
{
    public const int MaxLength = 200;

    private ContactAddress(string text) => Text = text;

    /// <summary>The contact as it is sent: as given, without surrounding white space.</summary>
    public string Text { get; }

    /// <summary>The contact in <paramref name="text"/>, or null with <paramref name="problem"/> saying what is wrong with it.</summary>
    public static ContactAddress? Parse(string? text, out string? problem)
    {
        problem = null;
        var contact = text?.Trim() ?? string.Empty;
        if (contact.Length == 0)
        {
            problem = "is empty: give an email address or URL where you can be reached";
        }
        else if (contact.Length > MaxLength)
        {
            problem = $"is too long: at most {MaxLength} characters";
        }
        else if (contact.Any(char.IsControl))
        {
            problem = "must be one line: it holds a line break, tab or other control character";
        }
        else if (contact.IndexOfAny(['(', ')', '\\']) >= 0)
        {
            problem = "cannot hold '(', ')' or '\\': it is written between parentheses in the User-Agent";
        }

        return problem is null ? new ContactAddress(contact) : null;
    }

    public override string ToString() => Text;
}
