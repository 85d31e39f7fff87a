using System.Text;
using System.Text.RegularExpressions;

namespace Dateline.Articles;

/// <summary>
/// Which encoding a page's bytes are in: a byte order mark (unambiguous, and browsers let it win),
/// else the Content-Type header's charset, else a &lt;meta charset&gt; or http-equiv near the top,
/// else UTF-8.
/// </summary>
internal static partial class PageCharset
{
    /// <summary>The HTML standard's prescan looks at the first 1024 bytes; pages with long heads put the tag later, so look a little further.</summary>
    private const int PrescanBytes = 4096;

    static PageCharset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding and how many leading bytes (a BOM) to skip.</summary>
    public static (Encoding Encoding, int Skip) Detect(ReadOnlySpan<byte> body, string? contentType)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8, 3);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, 2);
        }

        if (FromLabel(CharsetParameter(contentType)) is { } declared)
        {
            return (declared, 0);
        }

        var top = Encoding.Latin1.GetString(body[..Math.Min(body.Length, PrescanBytes)]);
        foreach (Match meta in MetaTag().Matches(top))
        {
            // <meta charset=…>, or a charset inside the content of <meta http-equiv="Content-Type">;
            // "charset=" in the text of some other meta tag (a description) says nothing.
            if (DeclaredIn(meta.Value) is { } label && FromLabel(label) is { } inPage)
            {
                // A page cannot really be UTF-16 if its ASCII meta tag could be read: the HTML standard says use UTF-8.
                return (inPage is UnicodeEncoding ? Encoding.UTF8 : inPage, 0);
            }
        }

        return (Encoding.UTF8, 0);
    }

    /// <summary>The label a meta tag declares: its charset attribute, or the charset in the content of an http-equiv Content-Type.</summary>
    private static string? DeclaredIn(string tag)
    {
        string? charset = null, httpEquiv = null, content = null;
        foreach (Match attribute in Attribute().Matches(tag))
        {
            var value = attribute.Groups[2].Value.Trim('"', '\'');
            switch (attribute.Groups[1].Value.ToLowerInvariant())
            {
                case "charset": charset ??= value; break;
                case "http-equiv": httpEquiv ??= value; break;
                case "content": content ??= value; break;
            }
        }

        return charset ?? (string.Equals(httpEquiv, "content-type", StringComparison.OrdinalIgnoreCase) ? CharsetParameter(content) : null);
    }

    /// <summary>The charset parameter of a Content-Type value, or null.</summary>
    internal static string? CharsetParameter(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var match = CharsetInMeta().Match(contentType);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// An encoding label as the web uses it. Pages labelled ISO-8859-1 or ASCII are in practice
    /// windows-1252 (curly quotes in 0x80–0x9F), which is what browsers decode them as.
    /// </summary>
    internal static Encoding? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        name = name switch
        {
            "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "ascii" or "us-ascii" or "x-user-defined" or "cp1252" => "windows-1252",
            "utf8" => "utf-8",
            _ => name,
        };
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null; // an unknown label is ignored, as browsers do
        }
    }

    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetInMeta();

    [GeneratedRegex(@"([A-Za-z][A-Za-z-]*)\s*=\s*(""[^""]*""|'[^']*'|[^\s>]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
