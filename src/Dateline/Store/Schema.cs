using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>
/// The archive's schema as a list of migrations, applied in order from the database's
/// <c>PRAGMA user_version</c>. A migration is never edited once released: add the next one.
/// </summary>
internal static class Schema
{
    private static readonly string[] Migrations =
    [
        // 1: day pages with their raw wikitext (so a better parser can re-read them without a
        // fetch), their events, the entities and citations of each event, and redirects.
        """
        CREATE TABLE days(
            date          TEXT PRIMARY KEY,  -- yyyy-MM-dd
            title         TEXT NOT NULL,
            source        TEXT NOT NULL,     -- the file or export it was read from
            layout        TEXT NOT NULL,
            revision_id   INTEGER,           -- MediaWiki revision, when known
            revision_time TEXT,
            sha256        TEXT NOT NULL,     -- of the wikitext: the same page twice changes nothing
            wikitext      TEXT NOT NULL,
            imported_at   TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE events(
            id        INTEGER PRIMARY KEY,
            date      TEXT NOT NULL REFERENCES days(date),
            position  INTEGER NOT NULL,      -- page order, from 1
            category  TEXT NOT NULL,
            stories   TEXT NOT NULL,         -- story path, outermost first, joined by U+001F
            headline  TEXT NOT NULL,
            line      INTEGER NOT NULL,      -- line of the day page's wikitext
            UNIQUE(date, position)
        );
        CREATE TABLE event_entities(
            event_id INTEGER NOT NULL REFERENCES events(id),
            ordinal  INTEGER NOT NULL,
            title    TEXT NOT NULL,          -- as linked, before redirects (resolved at build time)
            PRIMARY KEY(event_id, ordinal)
        ) WITHOUT ROWID;
        CREATE TABLE citations(
            event_id INTEGER NOT NULL REFERENCES events(id),
            ordinal  INTEGER NOT NULL,
            label    TEXT NOT NULL,
            url      TEXT NOT NULL,
            PRIMARY KEY(event_id, ordinal)
        ) WITHOUT ROWID;
        CREATE TABLE redirects(
            from_title TEXT PRIMARY KEY,
            to_title   TEXT NOT NULL,
            source     TEXT NOT NULL,
            loaded_at  TEXT NOT NULL
        ) WITHOUT ROWID;
        """,

        // 2: what each cited source page says of itself, one row per URL (source enrichment).
        """
        CREATE TABLE articles(
            url           TEXT PRIMARY KEY,  -- as cited
            final_url     TEXT,              -- after redirects
            status        INTEGER,           -- HTTP status, when there was a response
            content_type  TEXT,
            fetched_at    TEXT NOT NULL,
            summary       TEXT,
            image         TEXT,
            archived_from TEXT,              -- set when the page came from a web archive's copy
            failure       TEXT               -- why nothing could be read, when nothing could
        ) WITHOUT ROWID;
        """,

        // 3 (web): the published site as the server reads it. Every build brings these tables to
        // its pages in one transaction (SiteTables), so they never disagree with the pages on disk: each event's path,
        // texts, resolved entities and related list, the entities with their slugs, and an FTS5
        // index over headlines, summaries and entity titles for search. The index keeps no copy
        // of the text (external content: site_events); a full build writes new tables beside these
        // and renames them into place (SiteTables.Begin: the index names may then end in _b), a
        // build that follows another takes out and puts in the rows it changed.
        """
        CREATE TABLE site_events(
            id        INTEGER PRIMARY KEY,   -- day number * 2^32 + position: archive order, stable
            date      TEXT NOT NULL,
            position  INTEGER NOT NULL,
            page      TEXT NOT NULL UNIQUE,  -- path without extension, e.g. news/2017/09/28/slug
            category  TEXT NOT NULL,
            headline  TEXT NOT NULL,
            summary   TEXT,
            image     TEXT,
            citations TEXT NOT NULL,         -- JSON [{label, url}]
            entities  TEXT NOT NULL,         -- JSON [{title, page}]
            related   TEXT NOT NULL,         -- JSON [id], in rank order (each one's context: the entities both name)
            entity_titles TEXT NOT NULL      -- the entities' titles as one text, for search
        );
        CREATE INDEX site_events_by_date ON site_events(date, position);
        -- Narrow (id, date) pairs: the search's date filter reads these, not the wide rows.
        CREATE INDEX site_events_id_date ON site_events(id, date);
        CREATE TABLE site_entities(
            id     INTEGER PRIMARY KEY,      -- kept from build to build (a full build numbers them in title order)
            title  TEXT NOT NULL UNIQUE,
            slug   TEXT NOT NULL UNIQUE,
            events INTEGER NOT NULL
        );
        CREATE TABLE site_event_entities(
            entity_id INTEGER NOT NULL,
            event_id  INTEGER NOT NULL,
            PRIMARY KEY(entity_id, event_id)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE site_search USING fts5(
            headline, summary, entity_titles,
            content = 'site_events', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """,

        // 4 (sync): live sync with the wiki. What the wiki said of each day page at the last check
        // (so a missing day is recorded, not retried as an error, and an unchanged revision is
        // not fetched again), and what it said of each entity title (so resolve can refresh
        // only entries older than a given age). Redirects found live go into redirects.
        """
        CREATE TABLE portal_pages(
            date        TEXT PRIMARY KEY,    -- yyyy-MM-dd
            title       TEXT NOT NULL,
            state       TEXT NOT NULL,       -- present | missing | unreadable | failed
            revision_id INTEGER,             -- the wiki's latest revision at the check
            sha256      TEXT,                -- of the wikitext fetched at that revision
            checked_at  TEXT NOT NULL,
            problem     TEXT                 -- why the day is not in the archive, when it is not
        ) WITHOUT ROWID;
        CREATE TABLE title_resolutions(
            title       TEXT PRIMARY KEY,    -- an entity title as linked (normalised)
            target      TEXT NOT NULL,       -- the current article title (itself when not a redirect)
            fragment    TEXT,                -- the section a redirect points into, if any
            state       TEXT NOT NULL,       -- page | redirect | missing | invalid | interwiki
            resolved_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX title_resolutions_age ON title_resolutions(resolved_at);
        """,

        // 5 (web, incremental): which build the site tables are of (the source its manifest
        // names: the archive's fingerprint, Dateline's version, the options). A build that
        // follows another changes only some rows, so it must know the rest are that build's.
        """
        CREATE TABLE site_build(
            source TEXT NOT NULL
        );
        """,

        // 6 (real pages): an event's stories name titles that relate it to other events, kept
        // beside the titles it links (story = 1), so a redirect that renames either reaches the
        // day. Each day records the version of the reader that read its events (an older one's
        // days are read again from their wikitext), how often a re-reading changed them (part
        // of the day's version, so the next build follows), and the templates the reader could
        // not show ("name<TAB>count" lines).
        """
        ALTER TABLE event_entities ADD COLUMN story INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE days ADD COLUMN reader INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE days ADD COLUMN rereadings INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE days ADD COLUMN dropped_templates TEXT NOT NULL DEFAULT '';
        """,

        // 7 (pages): the size a source page declared for its image (og:image:width/height), so
        // the site can lay the image out at its shape before it loads. Both or neither.
        """
        ALTER TABLE articles ADD COLUMN image_width INTEGER;
        ALTER TABLE articles ADD COLUMN image_height INTEGER;
        """,

        // 8 (search): for each word in very many events, the first of its events in search
        // order, so a search for that word alone need not rank every event it is in (see
        // SiteTables.TopTerms). Written by the build that wrote the search index, which it names.
        """
        CREATE TABLE site_search_top(
            term     TEXT PRIMARY KEY,       -- a word as the search index holds it (folded)
            source   TEXT NOT NULL,          -- the build that ranked it (site_build.source)
            complete INTEGER NOT NULL,       -- 1 when ids are all the events with the word
            ids      BLOB NOT NULL           -- event ids, best first, 8 bytes each (little-endian)
        );
        """,

        // 9 (search): the rankings of migration 8 are made by the server instead, once per build,
        // in memory (SiteTables.Reader.Ranking): a build spent 1.3–1.9 s on them, and every build
        // that followed another had to make them all again (a row's score moves with the index's
        // average length). Derived data, dropped.
        """
        DROP TABLE site_search_top;
        """,

        // 10 (web, lighter): site_events without its three indexes. An event's id is its day
        // number * 2^32 + its place, so a day, a date range and the day of a page are ranges of
        // ids, which the table is keyed by: the indexes on (date, position) and (id, date) and
        // the one UNIQUE(page) made were written by every full build (29 of 184 MB on the
        // benchmark archive) and read by nothing a range of ids does not answer. A page's path
        // is unique because the build makes it so (SitePlan). The rows are copied with their
        // ids, so the search index, which finds them by table name and rowid, still agrees with
        // them; the staged copies a full build makes (SiteTables.Begin) follow, since they are
        // made from this table as SQLite keeps it.
        """
        CREATE TABLE site_events_lighter(
            id        INTEGER PRIMARY KEY,   -- day number * 2^32 + position: archive order, stable
            date      TEXT NOT NULL,
            position  INTEGER NOT NULL,
            page      TEXT NOT NULL,         -- path without extension, e.g. news/2017/09/28/slug (unique: SitePlan)
            category  TEXT NOT NULL,
            headline  TEXT NOT NULL,
            summary   TEXT,
            image     TEXT,
            citations TEXT NOT NULL,         -- JSON [{label, url}]
            entities  TEXT NOT NULL,         -- JSON [{title, page}]
            related   TEXT NOT NULL,         -- JSON [[id, context…]], in rank order (see SiteTables.RowJson.Related)
            entity_titles TEXT NOT NULL      -- the entities' titles as one text, for search
        );
        INSERT INTO site_events_lighter SELECT id, date, position, page, category, headline, summary, image, citations, entities, related, entity_titles FROM site_events;
        DROP TABLE site_events;
        ALTER TABLE site_events_lighter RENAME TO site_events;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection) => Migrate(connection, Migrations.Length);

    /// <summary>Brings the schema to <paramref name="upTo"/> (for tests: an archive as an older Dateline left it).</summary>
    internal static void Migrate(SqliteConnection connection, int upTo)
    {
        int version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new ArchiveStoreException(
                $"the archive database has schema version {version}, newer than this Dateline knows ({Migrations.Length}): upgrade Dateline");
        }

        for (int next = version; next < upTo; next++)
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

/// <summary>The archive database cannot be used as it is; the message says why.</summary>
public sealed class ArchiveStoreException(string message, Exception? inner = null) : Exception(message, inner);
