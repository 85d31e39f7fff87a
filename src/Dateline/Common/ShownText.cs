using System.Globalization;
using System.Text;

namespace Dateline.Common;

/// <summary>
/// Text from outside (an answer's body, a header) made safe to print in one line of a message:
/// runs of white space become one space, control and format characters (terminal escapes,
/// bidirectional overrides) are written as <c>\u{XXXX}</c>, and the text is cut at a length.
/// </summary>
internal static class ShownText
{
    public static string Of(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = new StringBuilder(Math.Min(text.Length, maxChars) + 8);
        bool space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (shown.Length >= maxChars)
            {
                return shown.ToString().TrimEnd() + "…";
            }

            if (Rune.IsWhiteSpace(rune))
            {
                space = shown.Length > 0;
                continue;
            }

            if (space)
            {
                shown.Append(' ');
                space = false;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || rune.Value is 0x2028 or 0x2029)
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{{{rune.Value:X4}}}");
            }
            else
            {
                shown.Append(rune.ToString());
            }
        }

        return shown.ToString();
    }
}
