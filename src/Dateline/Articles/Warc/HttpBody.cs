using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Dateline.Articles.Warc;

/// <summary>
/// Undoes what HTTP did to a body on the wire: chunked transfer coding, then gzip, deflate or
/// Brotli content coding. Crawlers sometimes store a body already decoded under the original
/// headers, so a coding that does not fit the bytes leaves them as they are.
/// </summary>
internal static class HttpBody
{
    /// <summary>A decoded body larger than this is cut: no article needs more, and it bounds a compression bomb.</summary>
    public const int MaxDecodedBytes = 64 * 1024 * 1024;

    /// <summary>
    /// The decoded body, cut at <paramref name="maxBytes"/> (at most <see cref="MaxDecodedBytes"/>);
    /// <paramref name="raw"/> itself when there is nothing to undo.
    /// </summary>
    public static byte[] Decode(byte[] raw, string? transferEncoding, string? contentEncoding, int maxBytes = MaxDecodedBytes)
    {
        maxBytes = Math.Clamp(maxBytes, 1, MaxDecodedBytes);
        var body = raw;
        if (transferEncoding?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true && TryDechunk(body) is { } joined)
        {
            body = joined;
        }

        if (string.IsNullOrWhiteSpace(contentEncoding))
        {
            return body;
        }

        // Codings are listed in the order applied: undo them last first.
        var codings = contentEncoding.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (int i = codings.Length - 1; i >= 0; i--)
        {
            var decoded = codings[i].ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => Inflate(body, static s => new GZipStream(s, CompressionMode.Decompress), maxBytes),
                "deflate" => Inflate(body, static s => new ZLibStream(s, CompressionMode.Decompress), maxBytes)
                    ?? Inflate(body, static s => new DeflateStream(s, CompressionMode.Decompress), maxBytes), // servers often send raw deflate
                "br" => Inflate(body, static s => new BrotliStream(s, CompressionMode.Decompress), maxBytes),
                _ => null,
            };
            if (decoded is null)
            {
                break;
            }

            body = decoded;
        }

        return body;
    }

    /// <summary>Joins chunks ("size[;ext] CRLF data CRLF ... 0 CRLF trailers"); null when the bytes are not chunked.</summary>
    internal static byte[]? TryDechunk(ReadOnlySpan<byte> data)
    {
        using var joined = new MemoryStream(data.Length);
        int at = 0;
        while (true)
        {
            int newline = data[at..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return null;
            }

            var sizeText = Encoding.ASCII.GetString(data.Slice(at, newline)).Trim();
            int semicolon = sizeText.IndexOf(';', StringComparison.Ordinal);
            if (semicolon >= 0)
            {
                sizeText = sizeText[..semicolon].Trim();
            }

            if (sizeText.Length == 0 || !long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long size) || size < 0)
            {
                return null;
            }

            at += newline + 1;
            if (size == 0)
            {
                return joined.ToArray();
            }

            if (size > data.Length - at)
            {
                // A capture cut mid-chunk: keep what arrived.
                joined.Write(data[at..]);
                return joined.ToArray();
            }

            joined.Write(data.Slice(at, (int)size));
            at += (int)size;
            while (at < data.Length && data[at] is (byte)'\r' or (byte)'\n')
            {
                at++;
                if (data[at - 1] == '\n')
                {
                    break;
                }
            }

            if (at >= data.Length)
            {
                return joined.ToArray(); // the last-chunk marker is missing: the chunks are all there is
            }
        }
    }

    private static byte[]? Inflate(byte[] body, Func<Stream, Stream> decoder, int maxBytes)
    {
        try
        {
            using var decoding = decoder(new MemoryStream(body, writable: false));
            using var output = new MemoryStream((int)Math.Min(body.Length * 4L, maxBytes));
            var buffer = new byte[64 * 1024];
            int n;
            while (output.Length < maxBytes && (n = decoding.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, (int)Math.Min(n, maxBytes - output.Length));
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
