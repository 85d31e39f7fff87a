using System.Security.Cryptography;

namespace Dateline.Articles.Warc;

/// <summary>WARC digests as crawlers write them: <c>sha1:</c> and the SHA-1 in RFC 4648 base32.</summary>
internal static class WarcDigest
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Sha1(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(data, hash); // CA5350 does not apply: SHA-1 is what the WARC ecosystem indexes by, not a security check.
        return "sha1:" + Base32(hash);
    }

    /// <summary>True or false for a sha1 digest (base32 or hex, any case); null when absent or another algorithm.</summary>
    public static bool? Matches(string? digest, ReadOnlySpan<byte> data)
    {
        if (digest is null || !digest.StartsWith("sha1:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var expected = digest[5..].Trim();
        var actual = Sha1(data)[5..];
        if (expected.Length == 40)
        {
            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
            SHA1.HashData(data, hash);
            return string.Equals(expected, Convert.ToHexString(hash), StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(expected.TrimEnd('='), actual, StringComparison.OrdinalIgnoreCase);
    }

    internal static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new char[(bytes.Length * 8 + 4) / 5];
        int bits = 0, buffer = 0, at = 0;
        foreach (byte b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text[at++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            text[at++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(text, 0, at);
    }
}
