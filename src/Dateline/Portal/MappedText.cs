using System.Text;

namespace Dateline.Portal;

/// <summary>
/// Text with, for each of its lines, the line of the original page it starts on. Removing a
/// comment or a template that spans lines joins lines; the map keeps error messages pointing
/// at the page the user can open.
/// </summary>
internal sealed class MappedText
{
    private readonly int[] lineOrigins;

    private MappedText(string text, int[] lineOrigins)
    {
        Text = text;
        this.lineOrigins = lineOrigins;
    }

    public string Text { get; }

    /// <summary>Wraps a slice of a page that starts on <paramref name="firstLine"/>.</summary>
    public static MappedText FromSource(string text, int firstLine)
    {
        var origins = new List<int>(capacity: 64) { firstLine };
        int line = firstLine;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                origins.Add(++line);
            }
        }

        return new MappedText(text, [.. origins]);
    }

    /// <summary>The original line of line <paramref name="index"/> (from 0) of this text.</summary>
    public int OriginOf(int index) => lineOrigins[Math.Clamp(index, 0, lineOrigins.Length - 1)];

    /// <summary>Builds a new text from this one by keeping some spans and dropping others.</summary>
    public sealed class Builder(MappedText source)
    {
        private readonly StringBuilder text = new(source.Text.Length);
        private readonly List<int> origins = new(capacity: 64) { source.OriginOf(0) };
        private int sourceLine;

        /// <summary>Keeps <c>source[start..end)</c>.</summary>
        public void Keep(int start, int end)
        {
            var span = source.Text.AsSpan(start, end - start);
            text.Append(span);
            for (int nl = span.IndexOf('\n'); nl >= 0; nl = span.IndexOf('\n'))
            {
                sourceLine++;
                origins.Add(source.OriginOf(sourceLine));
                span = span[(nl + 1)..];
            }
        }

        /// <summary>Adds text of no line of its own (what a template printed in its place); it holds no line end.</summary>
        public void Insert(string printed) => text.Append(printed);

        /// <summary>Drops <c>source[start..end)</c>; the newlines inside it vanish.</summary>
        public void Drop(int start, int end) => sourceLine += source.Text.AsSpan(start, end - start).Count('\n');

        public MappedText ToMappedText() => new(text.ToString(), [.. origins]);
    }
}
