using System.Globalization;

namespace Dateline.Articles.Warc;

/// <summary>
/// The named fields of one WARC record (version line and fields, in file order). Names compare
/// without case, as ISO 28500 says; the common fields have properties.
/// </summary>
internal sealed class WarcHeader(string version, IReadOnlyList<KeyValuePair<string, string>> fields)
{
    /// <summary>"WARC/1.0" or "WARC/1.1".</summary>
    public string Version { get; } = version;

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; } = fields;

    /// <summary>The first value of the named field, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in Fields)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return null;
        }
    }

    public string Type => this["WARC-Type"] ?? string.Empty;

    public string? RecordId => this["WARC-Record-ID"];

    /// <summary>WARC 1.0 examples wrap the URI in angle brackets, 1.1 does not: both read the same.</summary>
    public string? TargetUri => Unbracket(this["WARC-Target-URI"]);

    public DateTimeOffset? Date => ParseDate(this["WARC-Date"]);

    public long ContentLength =>
        long.TryParse(this["Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out long length)
            ? length
            : throw new WarcFormatException($"a {Type} record has no valid Content-Length");

    public string? ContentType => this["Content-Type"];

    public string? PayloadDigest => this["WARC-Payload-Digest"];

    public string? BlockDigest => this["WARC-Block-Digest"];

    public string? RefersTo => this["WARC-Refers-To"];

    public string? RefersToTargetUri => Unbracket(this["WARC-Refers-To-Target-URI"]);

    public DateTimeOffset? RefersToDate => ParseDate(this["WARC-Refers-To-Date"]);

    internal static string? Unbracket(string? value) =>
        value is { Length: >= 2 } && value[0] == '<' && value[^1] == '>' ? value[1..^1] : value;

    /// <summary>W3C-ISO8601 as WARC uses it: UTC, seconds (1.0) or a fraction of them (1.1).</summary>
    internal static DateTimeOffset? ParseDate(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}
