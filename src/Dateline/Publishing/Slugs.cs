using System.Globalization;
using System.Text;
using Dateline.Model;

namespace Dateline.Publishing;

/// <summary>Event page slugs (FORMAT.md, "The archive's layout").</summary>
public static class Slugs
{
    public const int MaxHeadlineCharacters = 140;

    /// <summary>
    /// From the first 140 characters of the headline: accents dropped, lower case, every run of
    /// characters other than a-z and 0-9 one '-', '-' trimmed. "" when nothing is left.
    /// </summary>
    public static string FromHeadline(string headline)
    {
        int take = Math.Min(headline.Length, MaxHeadlineCharacters);
        if (take < headline.Length && char.IsHighSurrogate(headline[take - 1]))
        {
            take--; // never cut a character in half
        }

        var slug = new StringBuilder(take);
        bool pendingDash = false;
        foreach (char raw in headline.AsSpan(0, take))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue; // a combining accent: "e\u0301" → e
            }

            char c = char.ToLowerInvariant(AccentFolding.Fold(raw)); // é → e
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingDash = false;
                slug.Append(c);
            }
            else
            {
                pendingDash = true;
            }
        }

        return slug.ToString();
    }

    /// <summary>The name of the day's own page in the day's folder (<see cref="ArchivePaths.Day"/>): no event may take it.</summary>
    public const string DayPageName = "index";

    /// <summary>
    /// The slugs of one day's events, in page order: a repeated slug gets "-2", "-3"; a headline
    /// with nothing to make a slug from gets "event-{n}", n its place on the day. "index" is the
    /// day page's own name, so an event headed "Index" is "index-2".
    /// </summary>
    public static string[] ForDay(IReadOnlyList<Event> events)
    {
        var slugs = new string[events.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal) { DayPageName };
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < events.Count; i++)
        {
            var slug = FromHeadline(events[i].Headline);
            if (slug.Length == 0)
            {
                slug = string.Create(CultureInfo.InvariantCulture, $"event-{events[i].Position}");
            }

            var candidate = slug;
            if (!taken.Add(candidate))
            {
                int n = seen.GetValueOrDefault(slug, 1);
                do
                {
                    n++;
                    candidate = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
                }
                while (!taken.Add(candidate));
                seen[slug] = n;
            }

            slugs[i] = candidate;
        }

        return slugs;
    }
}
