namespace Dateline.Model;

/// <summary>What a cited source page says of itself: its summary and its lead image, either may be absent.</summary>
public sealed record Article(string? Summary, string? Image);
