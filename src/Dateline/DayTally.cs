using Dateline.Portal;
using Dateline.Store;

namespace Dateline;

/// <summary>
/// The step import and fetch share once a day page is read: store it with the reader's version
/// and the templates it could not show, and count what storing did (days added, replaced,
/// unchanged, older; events stored; templates not shown).
/// </summary>
internal sealed class DayTally
{
    public int Added { get; private set; }

    public int Replaced { get; private set; }

    public int Unchanged { get; private set; }

    public int Older { get; private set; }

    public int Events { get; private set; }

    /// <summary>Templates not shown, summed over the pages stored through this tally.</summary>
    public SortedDictionary<string, int> DroppedTemplates { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts a day known unchanged without reading it again (the wiki's revision is the archive's).</summary>
    public void CountUnchanged() => Unchanged++;

    /// <summary>Stores <paramref name="page"/> (its raw text <paramref name="wikitext"/>) and counts what that did.</summary>
    public DayChange Store(ImportBatch batch, DayPage page, string title, string source, long? revisionId, DateTimeOffset? revisionTime, string wikitext)
    {
        var record = new DayPageRecord(page.Date, title, source, page.Layout.ToString(), revisionId, revisionTime, wikitext)
        {
            Reader = DayPageParser.ReaderVersion,
            DroppedTemplates = page.DroppedTemplates,
        };
        foreach (var (name, count) in page.DroppedTemplates)
        {
            DroppedTemplates[name] = DroppedTemplates.GetValueOrDefault(name) + count;
        }

        var change = batch.StoreDay(record, page.Day);
        switch (change)
        {
            case DayChange.Added: Added++; Events += page.Day.Events.Count; break;
            case DayChange.Replaced: Replaced++; Events += page.Day.Events.Count; break;
            case DayChange.Unchanged: Unchanged++; break;
            case DayChange.Older: Older++; break;
        }

        return change;
    }
}
