using System.Buffers;

namespace Dateline.Http;

/// <summary>
/// Reads a response body under a byte limit, so no server can make Dateline hold more than it
/// chose to. A page can stop as soon as its HTML head has ended: the enrichment only needs the og:
/// meta tags, which live in the head, so the rest of a multi-megabyte page is neither downloaded
/// nor kept. An API answer is all or nothing: cut short it would be broken JSON.
/// </summary>
internal static class CappedBody
{
    private static ReadOnlySpan<byte> HeadEnd => "</head"u8;

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (only one byte more is read to know).</summary>
    public static async Task<byte[]?> ReadWholeAsync(Stream body, int limit, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(limit, int.MaxValue);
        var read = await ReadAsync(body, limit + 1, stopAfterHead: false, cancel).ConfigureAwait(false);
        return read.Length > limit ? null : read;
    }

    /// <summary>Up to <paramref name="limit"/> bytes of the body: the rest is left unread.</summary>

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
