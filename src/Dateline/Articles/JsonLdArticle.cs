using System.Text.Json;

namespace Dateline.Articles;

/// <summary>
/// The description and image of the first article-like object in a page's JSON-LD blocks
/// (NewsArticle, ReportageNewsArticle, BlogPosting…), found at the top, in arrays, in
/// <c>@graph</c> or nested in other objects. A block that is not valid JSON is passed over.
/// </summary>
internal static class JsonLdArticle
{
    private const int MaxDepth = 16;

    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>Looks through the blocks in order; the first article with a description (or image) gives it.</summary>
    public static (string? Description, string? Image) Find(IEnumerable<string> blocks)
    {
        string? description = null, image = null;
        foreach (var block in blocks)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(block.Trim().TrimEnd(';'), Lenient);
            }
            catch (JsonException)
            {
                continue;
            }

            using (document)
            {
                Visit(document.RootElement, 0, ref description, ref image);
            }

            if (description is not null && image is not null)
            {
                break;
            }
        }

        return (description, image);
    }

    private static void Visit(JsonElement element, int depth, ref string? description, ref string? image)
    {
        if (depth > MaxDepth || (description is not null && image is not null))
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Visit(item, depth + 1, ref description, ref image);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (IsArticle(element))
        {
            if (description is null && element.TryGetProperty("description", out var text) && text.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(text.GetString()))
            {
                description = text.GetString();
            }

            if (image is null && element.TryGetProperty("image", out var picture))
            {
                image = ImageUrl(picture, 0);
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && property.Name != "image")
            {
                Visit(property.Value, depth + 1, ref description, ref image);
            }
        }
    }

    /// <summary>"@type" names an article kind: any "…Article", or a posting or report.</summary>
    private static bool IsArticle(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type))
        {
            return false;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return IsArticleType(type.GetString());
        }

        return type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && IsArticleType(t.GetString()));
    }

    private static bool IsArticleType(string? type)
    {
        if (type is null)
        {
            return false;
        }

        // "schema:NewsArticle" and "https://schema.org/NewsArticle" name the same type.
        int cut = Math.Max(type.LastIndexOf('/'), type.LastIndexOf(':'));
        var name = cut >= 0 ? type[(cut + 1)..] : type;
        return name.EndsWith("Article", StringComparison.Ordinal)
            || name is "BlogPosting" or "LiveBlogPosting" or "SocialMediaPosting" or "Report";
    }

    /// <summary>An image is a URL string, an ImageObject with url (or contentUrl), or a list of them: the first usable.</summary>
    private static string? ImageUrl(JsonElement image, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        switch (image.ValueKind)
        {
            case JsonValueKind.String:
                return string.IsNullOrWhiteSpace(image.GetString()) ? null : image.GetString();
            case JsonValueKind.Object:
                foreach (var name in new[] { "url", "contentUrl", "@id" })
                {
                    if (image.TryGetProperty(name, out var url) && ImageUrl(url, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in image.EnumerateArray())
                {
                    if (ImageUrl(item, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
