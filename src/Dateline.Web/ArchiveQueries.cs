using System.Globalization;
using Dateline.Store;

namespace Dateline.Web;

/// <summary>An event as lists show it.</summary>
/// <param name="Markdown">The event's Markdown page, or null for a site built without one (<c>--format html</c>).</param>
public sealed record EventSummary(string Date, string Headline, string Url, string? Markdown, string Category);

/// <summary>An event with everything its page shows.</summary>
public sealed record EventDetail(
    string Date,
    string Headline,
    string Url,
    string? Markdown,
    string Category,
    string? Summary,
    string? Image,
    IReadOnlyList<JsonCitation> Citations,
    IReadOnlyList<TopicRef> Entities,
    IReadOnlyList<RelatedRef> Related);

/// <summary>An entity as the API names it.</summary>
public sealed record TopicRef(string Title, string Slug, string Url);

/// <summary>A related event, with the entities it shares.</summary>
public sealed record RelatedRef(string Headline, string Url, IReadOnlyList<string> Context);

/// <summary>A page of an entity's events, newest first.</summary>
public sealed record EntityEvents(TopicRef Entity, int Total, int Page, int Size, IReadOnlyList<EventSummary> Events);

/// <summary>One search hit: the headline and summary with highlight marks (see <see cref="SiteTables.MarkStart"/>).</summary>
public sealed record SearchHit(string Date, string Url, string Headline, string HighlightedHeadline, string? HighlightedSummary, IReadOnlyList<TopicRef> Entities);

/// <summary>A page of search results, best first.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, bool HasMore);

/// <summary>
/// The server's answers from the site tables a build wrote (read through
/// <see cref="SiteTables.Reader"/>, which owns every statement), as the API and the search page
/// show them: paths made URLs, texts trimmed, search terms marked.
/// </summary>
public sealed class ArchiveQueries : IDisposable
{
    /// <summary>How many words of a summary a search hit shows.</summary>
    private const int SnippetWords = 24;

    private readonly SiteTables.Reader tables;
    private readonly bool markdown;

    /// <param name="markdown">Whether the site has Markdown pages beside its HTML ones (a <c>--format md,html</c> build), so answers may name them.</param>
    public ArchiveQueries(string databasePath, bool markdown = true)
    {
        tables = new SiteTables.Reader(databasePath);
        this.markdown = markdown;
    }

    public IReadOnlyList<EventSummary> Day(DateOnly date) => [.. tables.Day(date).Select(Summary)];

    /// <summary>The event of <paramref name="date"/> whose page is <paramref name="page"/> (path without extension), or null.</summary>
    public EventDetail? Event(DateOnly date, string page)
    {
        if (tables.Event(date, page, Linking.RelatedEvents.ContextOrder) is not { } found)
        {
            return null;
        }

        var summary = Summary(found.Event);
        return new EventDetail(
            summary.Date,
            summary.Headline,
            summary.Url,
            summary.Markdown,
            summary.Category,
            found.Summary,
            found.Image,
            found.Citations,
            [.. found.Entities.Select(Topic)],
            [.. found.Related.Select(r => new RelatedRef(r.Headline.Trim(), Url(r.Page), r.Context))]);
    }

    /// <summary>An entity by slug, or by exact title.</summary>
    public (long Id, TopicRef Entity, int Events)? Entity(string slugOrTitle) =>
        tables.Entity(slugOrTitle) is { } row
            ? (row.Id, new TopicRef(row.Title, row.Slug, "/news/entity/" + row.Slug + ".html"), row.Events)
            : null;

    public IReadOnlyList<EventSummary> EntityEvents(long entity, int offset, int limit) => [.. tables.EntityEvents(entity, offset, limit).Select(Summary)];

    /// <summary>
    /// Full-text search (see <see cref="SiteTables.Reader.Search"/>), the terms marked in the
    /// page of hits only (<see cref="SearchMarks"/>).
    /// </summary>
    public SearchResults Search(SearchQuery query, DateOnly? from, DateOnly? to, long? entity, int offset, int limit)
    {
        var found = tables.Search(query.Match, query.OnePhrase, from, to, entity, offset, limit, query.Word);
        var marks = new SearchMarks(query);
        var hits = new List<SearchHit>(found.Hits.Count);
        foreach (var hit in found.Hits)
        {
            var summary = hit.Summary is null ? null : marks.Snippet(hit.Summary, SiteTables.MarkStart, SiteTables.MarkEnd, "…", SnippetWords);
            hits.Add(new SearchHit(
                hit.Date,
                Url(hit.Page),
                hit.Headline.Trim(),
                marks.Highlight(hit.Headline, SiteTables.MarkStart, SiteTables.MarkEnd).Trim(),
                summary is { Length: > 0 } ? summary : null,
                [.. hit.Entities.Select(Topic)]));
        }

        return new SearchResults(hits, found.HasMore);
    }

    /// <summary>How many times the pooled statements were compiled again (see <see cref="SiteTables.Reader.Recompilations"/>).</summary>
    internal long Recompilations() => tables.Recompilations();

    public void Dispose() => tables.Dispose();

    internal static string Url(string page) => "/" + page + ".html";

    internal static TopicRef Topic(JsonTopic topic) => new(topic.Title, topic.Page[(topic.Page.LastIndexOf('/') + 1)..], Url(topic.Page));

    private EventSummary Summary(SiteEventLine line) =>
        new(line.Date, line.Headline.Trim(), Url(line.Page), markdown ? "/" + line.Page + ".md" : null, line.Category);
}

/// <summary>Formats shared by the API and the search page.</summary>
internal static class Formats
{
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
