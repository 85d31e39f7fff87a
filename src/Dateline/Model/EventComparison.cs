namespace Dateline.Model;

/// <summary>How two readings of one day differ: events only one of them has, and events both have that read otherwise.</summary>
internal readonly record struct EventDifference(int Added, int Removed, int Changed)
{
    public bool None => Added == 0 && Removed == 0 && Changed == 0;
}

/// <summary>
/// Compares readings of a day event by event, by content: <see cref="Event"/> is a record, but
/// its lists compare by reference, so two readings of the same page never compare equal as records.
/// </summary>
internal static class EventComparison
{
    /// <summary>
    /// Pairs the events of <paramref name="before"/> and <paramref name="after"/> (a day's events
    /// in page order): first the longest run of events that read the same but for their place on
    /// the page, then, between those, the others in page order. A pair that differs in anything
    /// (its place included) is changed; an event left without a pair was added or removed.
    /// </summary>
    /// <remarks>
    /// The line an event was read from is left out: it is for messages only, and a reading that
    /// moved no event but counted lines otherwise is not worth a day's pages rendered again.
    /// </remarks>
    public static EventDifference Compare(IReadOnlyList<Event> before, IReadOnlyList<Event> after)
    {
        if (before.Count == after.Count && Enumerable.Range(0, before.Count).All(i => Same(before[i], after[i])))
        {
            return default; // the common case, a day the new reader reads as the old one did
        }

        // Longest common subsequence by content; a day holds tens of events, so the table is small.
        int n = before.Count, m = after.Count;
        var length = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                length[i, j] = SameContent(before[i], after[j]) ? length[i + 1, j + 1] + 1 : Math.Max(length[i + 1, j], length[i, j + 1]);
            }
        }

        int added = 0, removed = 0, changed = 0;
        int gapBefore = 0, gapAfter = 0;
        void CloseGap()
        {
            // Unpaired events between two that read the same: paired in page order, the rest added or removed.
            changed += Math.Min(gapBefore, gapAfter);
            added += Math.Max(0, gapAfter - gapBefore);
            removed += Math.Max(0, gapBefore - gapAfter);
            gapBefore = gapAfter = 0;
        }

        for (int i = 0, j = 0; i < n || j < m;)
        {
            if (i < n && j < m && SameContent(before[i], after[j]) && length[i, j] == length[i + 1, j + 1] + 1)
            {
                CloseGap();
                if (before[i].Position != after[j].Position)
                {
                    changed++;
                }

                i++;
                j++;
            }
            else if (j < m && (i == n || length[i, j + 1] >= length[i + 1, j]))
            {
                gapAfter++;
                j++;
            }
            else
            {
                gapBefore++;
                i++;
            }
        }

        CloseGap();
        return new EventDifference(added, removed, changed);
    }

    /// <summary>Whether two events read the same, their place on the page included (not the line they were read from).</summary>
    public static bool Same(Event a, Event b) => a.Position == b.Position && SameContent(a, b);

    private static bool SameContent(Event a, Event b) =>
        a.Date == b.Date
        && string.Equals(a.Headline, b.Headline, StringComparison.Ordinal)
        && string.Equals(a.Category, b.Category, StringComparison.Ordinal)
        && a.Stories.SequenceEqual(b.Stories, StringComparer.Ordinal)
        && a.Entities.SequenceEqual(b.Entities, StringComparer.Ordinal)
        && a.StoryTitles.SequenceEqual(b.StoryTitles, StringComparer.Ordinal)
        && a.Citations.SequenceEqual(b.Citations);
}
