using System.Globalization;
using System.Text.Json;

namespace Dateline.Portal.Api;

/// <summary>What the wiki says of a page's latest revision: there is none (missing, or the page only redirects), or its id.</summary>
/// <param name="Problem">Why the title cannot be asked about (an invalid title), when it cannot.</param>
internal sealed record PageInfo(bool Missing, long? LastRevisionId, string? Problem = null);

/// <summary>A page's latest revision with its wikitext, or why there is none.</summary>
internal sealed record PageRevision(bool Missing, long? RevisionId, DateTimeOffset? Timestamp, string? Content, string? Problem = null);

/// <summary>What a title is on the wiki.</summary>
internal enum TitleState
{
    /// <summary>An article under this title (perhaps after the wiki's own normalisation).</summary>
    Page,

    /// <summary>A redirect: <see cref="TitleAnswer.Target"/> is the article it leads to.</summary>
    Redirect,

    /// <summary>No page under this title (a red link).</summary>
    Missing,

    /// <summary>Not a title the wiki accepts.</summary>
    Invalid,

    /// <summary>A link to another wiki.</summary>
    Interwiki,
}

/// <summary>Where a title leads: its current title, the section a redirect points into, and what it is.</summary>
internal sealed record TitleAnswer(string Target, string? Fragment, TitleState State);

/// <summary>
/// The three questions Dateline asks a wiki, each for up to one batch of titles, read from the
/// API's <c>formatversion=2</c> answers: latest revision ids (<c>prop=info</c>), latest content
/// (<c>prop=revisions</c>, following <c>continue</c>), and where titles lead
/// (<c>redirects=1</c>, following <c>normalized</c> and <c>redirects</c>). Answers are keyed by
/// the title as asked, whatever the wiki normalised it to.
/// </summary>
internal static class WikiQueries
{
    public static async Task<Dictionary<string, PageInfo>> LatestRevisionsAsync(MediaWikiClient client, IReadOnlyList<string> titles, CancellationToken cancel = default)
    {
        var normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        var pages = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        await foreach (var answer in client.QueryAllAsync(Parameters(titles, ("prop", "info")), cancel).ConfigureAwait(false))
        {
            using (answer)
            {
                Collect(answer.RootElement, normalized, pages, redirects: null, interwiki: null);
            }
        }

        var result = new Dictionary<string, PageInfo>(StringComparer.Ordinal);
        foreach (var title in titles)
        {
            if (!pages.TryGetValue(Follow(normalized, title), out var page))
            {
                result[title] = new PageInfo(false, null, "the wiki's answer does not mention this page");
            }
            else if (InvalidReason(page) is { } invalid)
            {
                result[title] = new PageInfo(false, null, invalid);
            }
            else if (IsTrue(page, "missing") || IsTrue(page, "redirect"))
            {
                // A redirect (some days point at a month's page) holds no news items of its own.
                result[title] = new PageInfo(true, null);
            }
            else
            {
                var revision = Long(page, "lastrevid");
                result[title] = new PageInfo(false, revision, revision is null ? "the wiki gave no latest revision id" : null);
            }
        }

        return result;
    }

    public static async Task<Dictionary<string, PageRevision>> LatestContentAsync(MediaWikiClient client, IReadOnlyList<string> titles, CancellationToken cancel = default)
    {
        var normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        var byTitle = new Dictionary<string, PageRevision>(StringComparer.Ordinal);
        var parameters = Parameters(titles, ("prop", "revisions"), ("rvprop", "content|ids|timestamp"), ("rvslots", "main"));
        await foreach (var answer in client.QueryAllAsync(parameters, cancel).ConfigureAwait(false))
        {
            using (answer)
            {
                var pages = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                Collect(answer.RootElement, normalized, pages, redirects: null, interwiki: null);
                foreach (var (title, page) in pages)
                {
                    // An answer cut short for size lists pages without their revisions; a later
                    // continuation brings them, so a page seen with content keeps it.
                    var read = ReadRevision(page);
                    if (read is not null && (!byTitle.TryGetValue(title, out var known) || known.Content is null))
                    {
                        byTitle[title] = read;
                    }
                }
            }
        }

        var result = new Dictionary<string, PageRevision>(StringComparer.Ordinal);
        foreach (var title in titles)
        {
            result[title] = byTitle.TryGetValue(Follow(normalized, title), out var revision)
                ? revision
                : new PageRevision(false, null, null, null, "the wiki's answer gives no revision of this page");
        }

        return result;
    }

    public static async Task<Dictionary<string, TitleAnswer>> ResolveAsync(MediaWikiClient client, IReadOnlyList<string> titles, CancellationToken cancel = default)
    {
        var normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        var redirects = new Dictionary<string, (string To, string? Fragment)>(StringComparer.Ordinal);
        var interwiki = new HashSet<string>(StringComparer.Ordinal);
        var states = new Dictionary<string, TitleState>(StringComparer.Ordinal);
        var stillRedirects = new HashSet<string>(StringComparer.Ordinal);

        // The API follows one redirect; a double redirect ends on a page that is itself a
        // redirect (prop=info flags it), which a further round asks about, a few rounds at most.
        IReadOnlyList<string> ask = titles;
        for (int round = 0; round < 4 && ask.Count > 0; round++)
        {
            stillRedirects.Clear();
            await foreach (var answer in client.QueryAllAsync(Parameters(ask, ("prop", "info"), ("redirects", "1")), cancel).ConfigureAwait(false))
            {
                using (answer)
                {
                    var pages = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    Collect(answer.RootElement, normalized, pages, redirects, interwiki);
                    foreach (var (title, page) in pages)
                    {
                        states[title] = InvalidReason(page) is not null ? TitleState.Invalid : IsTrue(page, "missing") ? TitleState.Missing : TitleState.Page;
                        if (IsTrue(page, "redirect") && !redirects.ContainsKey(title))
                        {
                            stillRedirects.Add(title);
                        }
                    }
                }
            }

            ask = [.. stillRedirects.Order(StringComparer.Ordinal)];
        }

        var result = new Dictionary<string, TitleAnswer>(StringComparer.Ordinal);
        foreach (var title in titles)
        {
            var current = Follow(normalized, title);
            if (interwiki.Contains(current))
            {
                result[title] = new TitleAnswer(title, null, TitleState.Interwiki);
                continue;
            }

            // Follow the chain the rounds gathered; a cycle must not hang us.
            string? fragment = null;
            bool redirected = false;
            var seen = new HashSet<string>(StringComparer.Ordinal) { current };
            while (redirects.TryGetValue(current, out var hop) && seen.Add(hop.To))
            {
                current = hop.To;
                fragment = hop.Fragment;
                redirected = true;
            }

            var state = states.TryGetValue(current, out var known) ? known : TitleState.Missing;
            if (state == TitleState.Page && redirected)
            {
                state = TitleState.Redirect;
            }

            result[title] = new TitleAnswer(state is TitleState.Invalid ? title : current, fragment, state);
        }

        return result;
    }

    /// <summary>
    /// Titles joined for a multi-value parameter: with '|' normally, and with U+001F (which the
    /// API accepts when the value starts with it) when a title itself holds a '|'.
    /// </summary>
    internal static string JoinTitles(IReadOnlyList<string> titles) =>
        titles.Any(t => t.Contains('|', StringComparison.Ordinal))
            ? "\u001F" + string.Join('\u001F', titles)
            : string.Join('|', titles);

    private static List<KeyValuePair<string, string>> Parameters(IReadOnlyList<string> titles, params (string Key, string Value)[] extra)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("action", "query") };
        parameters.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        parameters.Add(new("titles", JoinTitles(titles)));
        return parameters;
    }

    /// <summary>Reads one answer's <c>normalized</c>, <c>redirects</c>, <c>interwiki</c> and <c>pages</c>.</summary>
    private static void Collect(
        JsonElement root,
        Dictionary<string, string> normalized,
        Dictionary<string, JsonElement> pages,
        Dictionary<string, (string To, string? Fragment)>? redirects,
        HashSet<string>? interwiki)
    {
        if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var item in Array(query, "normalized"))
        {
            if (String(item, "from") is { } from && String(item, "to") is { } to)
            {
                normalized[from] = to;
            }
        }

        if (redirects is not null)
        {
            foreach (var item in Array(query, "redirects"))
            {
                if (String(item, "from") is { } from && String(item, "to") is { } to)
                {
                    redirects[from] = (to, String(item, "tofragment") is { Length: > 0 } fragment ? fragment : null);
                }
            }
        }

        if (interwiki is not null)
        {
            foreach (var item in Array(query, "interwiki"))
            {
                if (String(item, "title") is { } title)
                {
                    interwiki.Add(title);
                }
            }
        }

        foreach (var page in Array(query, "pages"))
        {
            if (String(page, "title") is { } title)
            {
                pages[title] = page.Clone();
            }
        }
    }

    private static PageRevision? ReadRevision(JsonElement page)
    {
        if (InvalidReason(page) is { } invalid)
        {
            return new PageRevision(false, null, null, null, invalid);
        }

        if (IsTrue(page, "missing"))
        {
            return new PageRevision(true, null, null, null);
        }

        var revision = Array(page, "revisions").FirstOrDefault();
        if (revision.ValueKind != JsonValueKind.Object)
        {
            return null; // listed without its revision: it comes in a continuation
        }

        var id = Long(revision, "revid");
        DateTimeOffset? time = String(revision, "timestamp") is { } stamp
            && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
        if (!revision.TryGetProperty("slots", out var slots) || !slots.TryGetProperty("main", out var main))
        {
            return new PageRevision(false, id, time, null, "the revision has no main slot (was rvslots=main honoured?)");
        }

        if (IsTrue(main, "texthidden"))
        {
            return new PageRevision(false, id, time, null, "the revision's text is hidden (revision deleted)");
        }

        if (String(main, "contentmodel") is { } model && model != "wikitext")
        {
            return new PageRevision(false, id, time, null, $"the page's content model is {model}, not wikitext");
        }

        return String(main, "content") is { } content
            ? new PageRevision(false, id, time, content)
            : new PageRevision(false, id, time, null, "the revision comes without its text");
    }

    private static string Follow(Dictionary<string, string> normalized, string title) =>
        normalized.TryGetValue(title, out var to) ? to : title;

    private static string? InvalidReason(JsonElement page) =>
        IsTrue(page, "invalid") ? $"the wiki rejects the title: {String(page, "invalidreason") ?? "invalid title"}" : null;

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number : null;

    // formatversion=2 writes flags as true; formatversion=1 as "" (present means set): both are read.
    private static bool IsTrue(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.String;
}
