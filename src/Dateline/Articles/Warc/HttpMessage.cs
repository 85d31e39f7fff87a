using System.Globalization;
using System.Text;

namespace Dateline.Articles.Warc;

/// <summary>An HTTP response as a WARC response block holds it: status line, headers, then the body's offset.</summary>
internal sealed record HttpMessage(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, int BodyOffset)
{
    public string? this[string name] =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The status code of the status line at the start of <paramref name="block"/>; 0 when there is none.</summary>
    public static int StatusOf(ReadOnlySpan<byte> block)
    {
        int at = 0;
        var statusLine = NextLine(block, ref at);
        return ParseStatus(statusLine);
    }

    /// <summary>Parses "HTTP/1.x NNN reason" and the header lines; null when the block is not an HTTP response.</summary>
    public static HttpMessage? TryParseResponse(ReadOnlySpan<byte> block)
    {
        int at = 0;
        int status = ParseStatus(NextLine(block, ref at));
        if (status == 0)
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>(16);
        while (NextLine(block, ref at) is { } line)
        {
            if (line.Length == 0)
            {
                return new HttpMessage(status, headers, at);
            }

            if (line[0] is ' ' or '\t' && headers.Count > 0)
            {
                headers[^1] = new(headers[^1].Key, headers[^1].Value + " " + line.Trim());
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        // Headers with no empty line after them: a response with no body.
        return new HttpMessage(status, headers, block.Length);
    }

    private static int ParseStatus(string? statusLine)
    {
        if (statusLine is null || !statusLine.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var parts = statusLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status) && status is >= 100 and <= 999
            ? status
            : 0;
    }

    private static string? NextLine(ReadOnlySpan<byte> block, ref int at)
    {
        if (at >= block.Length)
        {
            return null;
        }

        var rest = block[at..];
        int newline = rest.IndexOf((byte)'\n');
        var line = newline < 0 ? rest : rest[..newline];
        at += newline < 0 ? rest.Length : newline + 1;
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        // Latin-1: header bytes map one to one onto characters whatever they are.
        return Encoding.Latin1.GetString(line);
    }
}
