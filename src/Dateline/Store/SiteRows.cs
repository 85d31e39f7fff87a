using System.Text.Json;

namespace Dateline.Store;

/// <summary>
/// An event's row as a build hands it to <see cref="SiteTables"/>: what its page shows, with
/// its id (see <see cref="SiteTables"/>: ids follow archive order). The texts go in as the page
/// has them; the site tables take the search marks out.
/// </summary>
internal sealed record SiteEvent(
    long Id,
    DateOnly Date,
    int Position,
    string Page,
    string Category,
    string Headline,
    string? Summary,
    string? Image,
    IReadOnlyList<JsonCitation> Citations,
    IReadOnlyList<JsonTopic> Entities,
    IReadOnlyList<JsonRelated> Related);

/// <summary>
/// An entity title a build links, with its page's slug and how many events name it (none when
/// only stories name it: such a title has no row).
/// </summary>
internal sealed record SiteEntity(string Title, string Slug, int Events);

/// <summary>An event naming an entity: <paramref name="Entity"/> is a place in the build's list of <see cref="SiteEntity"/>.</summary>
internal readonly record struct SiteLink(int Entity, long Event);

/// <summary>An event as a list shows it (a day, an entity's events): the columns as stored.</summary>
internal sealed record SiteEventLine(string Date, string Headline, string Page, string Category);

/// <summary>An event with everything its page shows, its related events in rank order.</summary>
internal sealed record SiteEventDetail(
    SiteEventLine Event,
    string? Summary,
    string? Image,
    IReadOnlyList<JsonCitation> Citations,
    IReadOnlyList<JsonTopic> Entities,
    IReadOnlyList<SiteRelated> Related);

/// <summary>A related event: its headline, its page, and the context its page shows.</summary>
internal sealed record SiteRelated(string Headline, string Page, IReadOnlyList<string> Context);

/// <summary>An entity's row: its id (for <see cref="SiteTables.Reader.EntityEvents"/> and the search filter).</summary>
internal sealed record SiteEntityRow(long Id, string Title, string Slug, int Events);

/// <summary>A search hit's columns: the texts as indexed (no marks in them), the entities as stored.</summary>
internal sealed record SiteHit(string Date, string Page, string Headline, string? Summary, IReadOnlyList<JsonTopic> Entities);

/// <summary>A page of hits, best first, and whether more follow.</summary>
internal sealed record SiteHits(IReadOnlyList<SiteHit> Hits, bool HasMore);

/// <summary>The JSON stored in the site tables and returned by the API.</summary>
internal static class SiteJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// A related event as a build hands it to the site tables: its id and its context as the page
/// shows it (FORMAT.md: shared titles either event links, else the shared stories; not derivable
/// from the two events' entities alone, so kept: stored as [id, context…], a title that is one of
/// the row's entities as its place among them).
/// </summary>
internal sealed record JsonRelated(long Id, IReadOnlyList<string> Context);

/// <summary>A citation as the site tables keep it (and the API returns it).</summary>
public sealed record JsonCitation(string Label, string Url);

/// <summary>An entity or story link as the site tables keep it (page without extension).</summary>
internal sealed record JsonTopic(string Title, string Page);
