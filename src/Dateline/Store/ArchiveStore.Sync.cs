using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>What the wiki said of a day page at the last check.</summary>
public enum PortalPageState
{
    /// <summary>The page exists and its text is in the archive.</summary>
    Present,

    /// <summary>The wiki has no page for that day (not yet written, or never).</summary>
    Missing,

    /// <summary>The page exists but its wikitext could not be read as a day page.</summary>
    Unreadable,

    /// <summary>The wiki could not be asked (an API error, an HTTP error, a malformed answer).</summary>
    Failed,
}

/// <summary>One check of a day page against the wiki.</summary>
/// <param name="RevisionId">The wiki's latest revision at the check, when known.</param>
/// <param name="Sha256">Of the wikitext stored from that revision, so a later check can tell the archive still holds it.</param>
/// <param name="Problem">Why the day is not in the archive, when it is not.</param>
public sealed record PortalPageCheck(
    DateOnly Date,
    string Title,
    PortalPageState State,
    long? RevisionId,
    string? Sha256,
    DateTimeOffset CheckedAt,
    string? Problem);

/// <summary>What a day holds in the archive: the revision and text hash it was stored from.</summary>
public sealed record StoredDay(long? RevisionId, string Sha256);

/// <summary>Where an entity title leads on the wiki, and when that was asked.</summary>
/// <param name="State">page, redirect, missing, invalid or interwiki.</param>
public sealed record TitleResolution(string Title, string Target, string? Fragment, string State, DateTimeOffset ResolvedAt);

public sealed partial class ArchiveStore
{
    /// <summary>The source recorded for redirects found by asking the wiki.</summary>
    public const string LiveRedirectSource = "wiki";

    /// <summary>The revision and text hash of every stored day.</summary>
    public Dictionary<DateOnly, StoredDay> ReadStoredDays()
    {
        var days = new Dictionary<DateOnly, StoredDay>();
        using var command = Command("SELECT date, revision_id, sha256 FROM days");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            days[ParseDate(reader.GetString(0))] = new StoredDay(reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2));
        }

        return days;
    }

    /// <summary>The last check of every day page asked of the wiki.</summary>
    public Dictionary<DateOnly, PortalPageCheck> ReadPortalChecks()
    {
        var checks = new Dictionary<DateOnly, PortalPageCheck>();
        using var command = Command("SELECT date, title, state, revision_id, sha256, checked_at, problem FROM portal_pages");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var date = ParseDate(reader.GetString(0));
            checks[date] = new PortalPageCheck(
                date,
                reader.GetString(1),
                Enum.Parse<PortalPageState>(reader.GetString(2), ignoreCase: true),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                ParseTime(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6));
        }

        return checks;
    }

    /// <summary>Records checks of day pages that stored nothing (missing, failed), in a transaction of their own.</summary>
    public void RecordPortalChecks(IEnumerable<PortalPageCheck> checks)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var check in checks)
        {
            RecordPortalCheck(connection, transaction, check);
        }

        transaction.Commit();
    }

    /// <summary>
    /// Entity titles to ask the wiki about: all of them when <paramref name="resolvedBefore"/> is
    /// null; otherwise those never asked about and those asked before that time. Sorted, so runs repeat.
    /// </summary>
    public List<string> ReadTitlesToResolve(DateTimeOffset? resolvedBefore, bool onlyNew = false)
    {
        using var command = Command(
            onlyNew
                ? "SELECT DISTINCT e.title FROM event_entities e WHERE NOT EXISTS (SELECT 1 FROM title_resolutions r WHERE r.title = e.title) ORDER BY e.title"
                : resolvedBefore is null
                    ? "SELECT DISTINCT title FROM event_entities ORDER BY title"
                    : """
                      SELECT DISTINCT e.title FROM event_entities e
                      WHERE NOT EXISTS (SELECT 1 FROM title_resolutions r WHERE r.title = e.title AND r.resolved_at >= $cutoff)
                      ORDER BY e.title
                      """);
        if (resolvedBefore is { } cutoff)
        {
            command.Parameters.AddWithValue("$cutoff", FormatTime(cutoff));
        }

        var titles = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            titles.Add(reader.GetString(0));
        }

        return titles;
    }

    /// <summary>How many entity titles have been asked about, and how many of them lead elsewhere.</summary>
    public (int Resolved, int Redirected) CountResolutions() => (
        Count("SELECT count(*) FROM title_resolutions"),
        Count("SELECT count(*) FROM title_resolutions WHERE target <> title"));

    /// <summary>
    /// Stores what the wiki said of each title and updates the redirect table to match, in one
    /// transaction: a title that now leads elsewhere gets (or keeps) its redirect, a title that
    /// no longer does loses it, whatever file it was first loaded from, since the wiki is the
    /// authority on its own titles.
    /// </summary>
    public void StoreResolutions(IEnumerable<TitleResolution> resolutions)
    {
        using var transaction = connection.BeginTransaction();
        using var upsert = Prepared(transaction,
            """
            INSERT INTO title_resolutions(title, target, fragment, state, resolved_at) VALUES($title, $target, $fragment, $state, $at)
            ON CONFLICT(title) DO UPDATE SET target = excluded.target, fragment = excluded.fragment, state = excluded.state, resolved_at = excluded.resolved_at
            """);
        using var forget = Prepared(transaction, "DELETE FROM redirects WHERE from_title = $title");
        using var redirect = Prepared(transaction,
            """
            INSERT INTO redirects(from_title, to_title, source, loaded_at) VALUES($title, $target, $source, $at)
            ON CONFLICT(from_title) DO UPDATE SET to_title = excluded.to_title, source = excluded.source, loaded_at = excluded.loaded_at
            """);
        foreach (var item in resolutions)
        {
            var at = FormatTime(item.ResolvedAt);
            Bind(upsert, ("$title", item.Title), ("$target", item.Target), ("$fragment", item.Fragment), ("$state", item.State), ("$at", at));
            upsert.ExecuteNonQuery();
            if (item.Target != item.Title && item.State is "page" or "redirect")
            {
                Bind(redirect, ("$title", item.Title), ("$target", item.Target), ("$source", LiveRedirectSource), ("$at", at));
                redirect.ExecuteNonQuery();
            }
            else if (item.State is "page")
            {
                // Only an answer that the title is an article of its own removes a redirect: a
                // missing or invalid answer says nothing about where a loaded redirect leads.
                Bind(forget, ("$title", item.Title));
                forget.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    internal static string Sha256Of(string wikitext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wikitext)));

    internal static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static void RecordPortalCheck(SqliteConnection connection, SqliteTransaction transaction, PortalPageCheck check)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO portal_pages(date, title, state, revision_id, sha256, checked_at, problem) VALUES($date, $title, $state, $rev, $sha, $at, $problem)
            ON CONFLICT(date) DO UPDATE SET title = excluded.title, state = excluded.state, revision_id = excluded.revision_id,
                sha256 = excluded.sha256, checked_at = excluded.checked_at, problem = excluded.problem
            """;
        command.Parameters.AddWithValue("$date", FormatDate(check.Date));
        command.Parameters.AddWithValue("$title", check.Title);
        command.Parameters.AddWithValue("$state", check.State.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$rev", (object?)check.RevisionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$sha", (object?)check.Sha256 ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", FormatTime(check.CheckedAt));
        command.Parameters.AddWithValue("$problem", (object?)check.Problem ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private SqliteCommand Prepared(SqliteTransaction transaction, string sql)
    {
        var command = Command(sql);
        command.Transaction = transaction;
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }
}
