namespace Dateline.Model;

/// <summary>
/// Entity titles as the Portal links them. A title is normalised the way MediaWiki normalises
/// page names, so that <c>[[caliphate]]</c>, <c>[[Caliphate]]</c> and <c>[[Caliphate#History|x]]</c>
/// name the same entity.
/// </summary>
internal static class Entity
{
    /// <summary>
    /// Underscores become spaces, runs of white space fold to one, the <c>#section</c> part is
    /// dropped, the ends are trimmed and the first letter is upper-cased. Returns "" when
    /// nothing is left (a link to a section of the same page).
    /// </summary>
    public static string NormalizeTitle(ReadOnlySpan<char> target)
    {
        int hash = target.IndexOf('#');
        if (hash >= 0)
        {
            target = target[..hash];
        }

        Span<char> buffer = target.Length <= 256 ? stackalloc char[target.Length] : new char[target.Length];
        int length = 0;
        bool pendingSpace = false;
        foreach (char raw in target)
        {
            char c = raw == '_' ? ' ' : raw;
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = c;
        }

        if (length == 0)
        {
            return string.Empty;
        }

        if (char.IsLower(buffer[0]))
        {
            buffer[0] = char.ToUpperInvariant(buffer[0]);
        }

        return new string(buffer[..length]);
    }
}
