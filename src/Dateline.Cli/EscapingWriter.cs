using System.Globalization;
using System.Text;

namespace Dateline.Cli;

/// <summary>
/// Standard error as the command line writes it: messages name files, lines and texts read from
/// input (a day page's headline, an export's title, a contact), and input may hold terminal
/// escape sequences that would recolour, retitle or rewrite the terminal. Every control
/// character (and every bidirectional override, which reorders what a reader sees) is written
/// escaped, <c>\x1b</c> or <c>\u202e</c>; only the line ends the command line itself writes
/// (<see cref="WriteLine(string?)"/>) stay line ends, so one message stays one line.
/// </summary>
internal sealed class EscapingWriter(TextWriter inner) : TextWriter(CultureInfo.InvariantCulture)
{
    public override Encoding Encoding => inner.Encoding;

    /// <summary><paramref name="text"/> with every control and bidirectional formatting character escaped.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? string.Empty;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (!NeedsEscape(c))
            {
                escaped.Append(c);
            }
            else if (c <= '\u00FF')
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return escaped.ToString();
    }

    public override void Write(char value) => inner.Write(NeedsEscape(value) && value != '\n' ? Escape(value.ToString()) : value.ToString());

    public override void Write(string? value) => inner.Write(EscapeKeepingLineEnds(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(Escape(value));

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();

    /// <summary>The inner writer is the caller's (the console's, or a test's) to close.</summary>
    protected override void Dispose(bool disposing) => Flush();

    private static string EscapeKeepingLineEnds(string? text) =>
        text is null ? string.Empty : string.Join('\n', text.Split('\n').Select(Escape));

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
