using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Dateline.Model;

namespace Dateline.Articles;

/// <summary>
/// What a source page says of itself: its summary and lead image, read from the tags publishers
/// write for link previews. Summary: og:description, twitter:description, a JSON-LD article's
/// description, then &lt;meta name="description"&gt;. Image: og:image (or :url, :secure_url),
/// twitter:image, a JSON-LD article's image, then &lt;link rel="image_src"&gt;. Only http(s)
/// images are kept, resolved against the page's final URL. The image's size is kept when the
/// page declared it (og:image:width and og:image:height) for the og:image that was chosen: the
/// other sources' images are not the one those tags describe.
/// </summary>
internal static class ArticleExtractor
{
    // Text the extractor never reads is not built into the tree: most of a page is body text,
    // and the head is mostly inline scripts and styles.
    private static readonly ThreadLocal<HtmlParser> HeadParsers = new(() => new HtmlParser(new HtmlParserOptions
    {
        SkipScriptText = true, // the head pass only settles on Open Graph tags; JSON-LD needs the whole-page pass
        SkipRawText = true,
        SkipDataText = true,
        SkipRCDataText = true,
        SkipComments = true,
        DisableElementPositionTracking = true,
    }));

    private static readonly ThreadLocal<HtmlParser> PageParsers = new(() => new HtmlParser(new HtmlParserOptions
    {
        SkipRawText = true,
        SkipDataText = true,
        SkipRCDataText = true,
        SkipPlaintext = true,
        SkipComments = true,
        DisableElementPositionTracking = true,
    }));

    public static Article Extract(SourcePage page)
    {
        if (!LooksLikeHtml(page.ContentType))
        {
            return new Article(null, null);
        }

        var (encoding, skip) = PageCharset.Detect(page.Body, page.ContentType);
        var body = page.Body.AsSpan(skip);

        // Almost every page states both preview tags in its <head>: parsing only the head is
        // many times faster than parsing a 150 KB body. Anything less sure parses the whole page.
        if (HeadEnd(body, encoding) is int headEnd)
        {
            // The parser closes what is open at the end of its input, so the cut needs no closing tags.
            var head = Read(HeadParsers.Value!, encoding.GetString(body[..headEnd]), page.FinalUrl);
            if (head.Settled)
            {
                return head.Article;
            }
        }

        return Read(PageParsers.Value!, encoding.GetString(body), page.FinalUrl).Article;
    }

    /// <summary>Text types only: a PDF or an image has nothing to read here.</summary>
    private static bool LooksLikeHtml(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase) // mislabelled pages are common
            || media.Length == 0;
    }

    /// <summary>The byte offset of the first "&lt;/head" (any case), for encodings where ASCII is ASCII; else null.</summary>
    private static int? HeadEnd(ReadOnlySpan<byte> body, System.Text.Encoding encoding)
    {
        if (!encoding.IsSingleByte && encoding.CodePage != 65001)
        {
            return null;
        }

        int from = 0;
        while (from < body.Length)
        {
            int at = body[from..].IndexOf("</"u8);
            if (at < 0)
            {
                return null;
            }

            at += from;
            if (at + 6 <= body.Length && body.Slice(at + 2, 4) is var name
                && (name[0] | 0x20) == 'h' && (name[1] | 0x20) == 'e' && (name[2] | 0x20) == 'a' && (name[3] | 0x20) == 'd')
            {
                return at;
            }

            from = at + 2;
        }

        return null;
    }

    private static Reading Read(HtmlParser parser, string html, string finalUrl)
    {
        using var document = parser.ParseDocument(html);
        var found = new PreviewTags();
        foreach (var meta in document.GetElementsByTagName("meta"))
        {
            found.Add(meta);
        }

        var ldBlocks = document.GetElementsByTagName("script")
            .Where(s => s.GetAttribute("type")?.Trim().Equals("application/ld+json", StringComparison.OrdinalIgnoreCase) == true)
            .Select(s => s.TextContent);
        var imageSrc = document.GetElementsByTagName("link")
            .FirstOrDefault(l => l.GetAttribute("rel")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Any(r => r.Equals("image_src", StringComparison.OrdinalIgnoreCase)) == true)
            ?.GetAttribute("href");

        var summary = SummaryText.Clean(found.OgDescription) ?? SummaryText.Clean(found.TwitterDescription);
        var image = ImageUrl(found.OgImage, finalUrl) ?? ImageUrl(found.OgSecureImage, finalUrl);
        var size = image is not null ? found.OgImageSize : null;
        image ??= ImageUrl(found.TwitterImage, finalUrl);
        bool settled = found.OgDescription is not null && found.OgImage is not null && summary is not null && image is not null;
        if (summary is null || image is null)
        {
            var (ldDescription, ldImage) = JsonLdArticle.Find(ldBlocks);
            summary ??= SummaryText.Clean(ldDescription) ?? SummaryText.Clean(found.Description);
            image ??= ImageUrl(ldImage, finalUrl) ?? ImageUrl(imageSrc, finalUrl);
        }

        return new Reading(new Article(summary is null ? null : SummaryText.Cut(summary), image) { ImageWidth = size?.Width, ImageHeight = size?.Height }, settled);
    }

    /// <summary>An absolute http(s) URL, resolved against the page; anything else (data:, javascript:, junk) is dropped.</summary>
    internal static string? ImageUrl(string? value, string finalUrl)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        Uri.TryCreate(finalUrl, UriKind.Absolute, out var baseUri);
        Uri? resolved = null;
        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            Uri.TryCreate((baseUri?.Scheme ?? "https") + ":" + text, UriKind.Absolute, out resolved);
        }
        else if ((text[0] == '/' || !Uri.TryCreate(text, UriKind.Absolute, out resolved)) && baseUri is not null)
        {
            // "/path" must be tried as relative first: on Unix, Uri reads it as an absolute file path.
            Uri.TryCreate(baseUri, text, out resolved);
        }

        return resolved is not null && (resolved.Scheme == Uri.UriSchemeHttp || resolved.Scheme == Uri.UriSchemeHttps)
            ? resolved.AbsoluteUri
            : null;
    }

    private readonly record struct Reading(Article Article, bool Settled);

    /// <summary>The first value of each preview tag, whether named by property, name or itemprop.</summary>
    private sealed class PreviewTags
    {
        public string? OgDescription { get; private set; }

        public string? TwitterDescription { get; private set; }

        public string? Description { get; private set; }

        public string? OgImage { get; private set; }

        public string? OgSecureImage { get; private set; }

        public string? TwitterImage { get; private set; }

        public string? OgImageWidth { get; private set; }

        public string? OgImageHeight { get; private set; }

        /// <summary>The og:image's declared size: both numbers, whole and positive (a page's "600px" or "auto" says nothing usable), else null.</summary>
        public (int Width, int Height)? OgImageSize => Pixels(OgImageWidth) is int width && Pixels(OgImageHeight) is int height ? (width, height) : null;

        /// <summary>At most 20,000: a larger number is a mistake, and laid out it would only be scaled down.</summary>
        private static int? Pixels(string? value) =>
            int.TryParse(value?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pixels) && pixels is > 0 and <= 20_000 ? pixels : null;

        public void Add(IElement meta)
        {
            var content = meta.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(content))
            {
                return;
            }

            foreach (var attribute in (ReadOnlySpan<string>)["property", "name", "itemprop"])
            {
                var key = meta.GetAttribute(attribute)?.Trim().ToLowerInvariant();
                switch (key)
                {
                    case "og:description": OgDescription ??= content; break;
                    case "twitter:description": TwitterDescription ??= content; break;
                    case "description": Description ??= content; break;
                    case "og:image" or "og:image:url": OgImage ??= content; break;
                    case "og:image:secure_url": OgSecureImage ??= content; break;
                    case "twitter:image" or "twitter:image:src": TwitterImage ??= content; break;
                    case "og:image:width": OgImageWidth ??= content; break;
                    case "og:image:height": OgImageHeight ??= content; break;
                }
            }
        }
    }
}
