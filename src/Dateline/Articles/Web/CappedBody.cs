using System.Buffers;

namespace Dateline.Articles.Web;

/// <summary>
/// Reads a response body up to a byte limit, optionally stopping as soon as the HTML head has
/// ended: the enrichment only needs the og: meta tags, which live in the head, so the rest of a
/// multi-megabyte page is neither downloaded nor kept.
/// </summary>
internal static class CappedBody
{
    private static ReadOnlySpan<byte> HeadEnd => "</head"u8;

    public static async Task<byte[]> ReadAsync(Stream body, int limit, bool stopAfterHead, CancellationToken cancel)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit, 64 * 1024));
        int searchedUpTo = 0;
        while (buffer.WrittenCount < limit)
        {
            var chunk = buffer.GetMemory(Math.Min(16 * 1024, limit - buffer.WrittenCount));
            int room = Math.Min(chunk.Length, limit - buffer.WrittenCount);
            int read = await body.ReadAsync(chunk[..room], cancel).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (stopAfterHead)
            {
                // Search only the new bytes, plus enough of the old to catch a marker split between reads.
                int from = Math.Max(0, searchedUpTo - (HeadEnd.Length - 1));
                if (ContainsHeadEnd(buffer.WrittenSpan[from..]))
                {
                    break;
                }

                searchedUpTo = buffer.WrittenCount;
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool ContainsHeadEnd(ReadOnlySpan<byte> bytes)
    {
        for (int at = bytes.IndexOf((byte)'<'); at >= 0 && at + HeadEnd.Length <= bytes.Length;)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(bytes.Slice(at, HeadEnd.Length), HeadEnd))
            {
                return true;
            }

            int next = bytes[(at + 1)..].IndexOf((byte)'<');
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }
}
