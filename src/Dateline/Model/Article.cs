namespace Dateline.Model;

/// <summary>What a cited source page says of itself: its summary and its lead image, either may be absent.</summary>
public sealed record Article(string? Summary, string? Image)
{
    /// <summary>The image's width as the page declared it (og:image:width), when it declared both width and height.</summary>
    public int? ImageWidth { get; init; }

    /// <summary>The image's height as the page declared it (og:image:height), when it declared both width and height.</summary>
    public int? ImageHeight { get; init; }
}
