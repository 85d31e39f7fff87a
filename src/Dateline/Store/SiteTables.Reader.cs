using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

internal static partial class SiteTables
{
    /// <summary>
    /// Read-only queries over the site tables, for the server. Each session is one read-only
    /// connection with its statements prepared once; sessions are pooled, so a request never pays
    /// for opening the database or compiling SQL, and requests on different threads never share
    /// a connection.
    /// </summary>
    internal sealed class Reader : IDisposable
    {
        private const string EventColumns = "date, headline, page, category";

        private readonly string connectionString;
        private readonly ConcurrentBag<Session> idle = [];
        private readonly int topMinimum;
        private readonly int topRows;

        /// <summary>The rankings this reader made itself (see <see cref="Ranked"/>), of the build that <c>Source</c> names.</summary>
        private volatile RankedWords? ranked;

        /// <summary>The ranking under way, if any: one at a time, one try per build.</summary>
        private readonly Lock rankingGate = new();
        private Task ranking = Task.CompletedTask;
        private string? rankingSource;

        /// <param name="topMinimum">A word in more events than this is ranked ahead (see <see cref="RankTopTerms"/>).</param>
        /// <param name="topRows">How many of such a word's events are ranked ahead.</param>
        public Reader(string databasePath, int topMinimum = TopMinimum, int topRows = TopRows)
        {
            this.topMinimum = topMinimum;
            this.topRows = topRows;
            SqliteSetup.Apply();

            // Refuse a database that is not an archive (a mistyped path, another program's file), and
            // bring an archive's schema up to date once, so the site tables exist even before the first build.
            using (ArchiveStore.OpenExisting(databasePath))
            {
            }

            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = databasePath,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString();
        }

        /// <summary>A day's events in order: its range of ids (see <see cref="SiteTables"/>).</summary>
        public IReadOnlyList<SiteEventLine> Day(DateOnly date) => Use(session =>
        {
            var command = session.Command($"SELECT {EventColumns} FROM site_events WHERE id BETWEEN $a AND $b ORDER BY id");
            command.Parameters[0].Value = FirstId(date);
            command.Parameters[1].Value = LastId(date);
            return ReadLines(command);
        });

        /// <summary>The event of <paramref name="date"/> at <paramref name="page"/> (path without extension), or null.</summary>
        /// <param name="date">The event's day: its page is looked for among that day's ids (no index on pages: migration 10).</param>
        /// <param name="contextOrder">
        /// The order of a context's titles (the build's, see RelatedEvents): tables from before
        /// contexts were kept give the entities the two events both name, sorted so.
        /// </param>
        public SiteEventDetail? Event(DateOnly date, string page, Comparison<string> contextOrder) => Use<SiteEventDetail?>(session =>
        {
            var command = session.Command($"SELECT {EventColumns}, summary, image, citations, entities, related FROM site_events WHERE id BETWEEN $a AND $b AND page = $c");
            command.Parameters[0].Value = FirstId(date);
            command.Parameters[1].Value = LastId(date);
            command.Parameters[2].Value = page;
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var line = Line(reader);
            var citations = JsonSerializer.Deserialize<JsonCitation[]>(reader.GetString(6), SiteJson.Options) ?? [];
            var entities = JsonSerializer.Deserialize<JsonTopic[]>(reader.GetString(7), SiteJson.Options) ?? [];
            var related = RelatedIds(reader.GetString(8));
            var text = reader.IsDBNull(4) ? null : reader.GetString(4);
            var image = reader.IsDBNull(5) ? null : reader.GetString(5);

            // A related event's context is what the page shows, kept with it; tables of before it was
            // kept give the entities the two events both name, in context order.
            var titles = entities.Select(e => e.Title).ToHashSet(StringComparer.Ordinal);
            var contexts = RelatedContexts(reader.GetString(8), entities);
            reader.Close();
            var relatedEvents = new Dictionary<long, SiteRelated>(related.Length);
            var lookup = session.Command("SELECT id, headline, page, entities FROM site_events WHERE id IN (SELECT value FROM json_each($a))");
            lookup.Parameters[0].Value = JsonSerializer.Serialize(related);
            using (var rows = lookup.ExecuteReader())
            {
                while (rows.Read())
                {
                    long id = rows.GetInt64(0);
                    if (!contexts.TryGetValue(id, out var shared))
                    {
                        var computed = Topics(rows.GetFieldValue<byte[]>(3)).Select(t => t.Title).Where(titles.Contains).ToList();
                        computed.Sort(contextOrder);
                        shared = computed;
                    }

                    relatedEvents[id] = new SiteRelated(rows.GetString(1), rows.GetString(2), shared);
                }
            }

            return new SiteEventDetail(line, text, image, citations, entities, [.. related.Where(relatedEvents.ContainsKey).Select(id => relatedEvents[id])]);
        });

        /// <summary>An entity by slug, or by exact title.</summary>
        public SiteEntityRow? Entity(string slugOrTitle) => Use<SiteEntityRow?>(session =>
        {
            var command = session.Command("SELECT id, title, slug, events FROM site_entities WHERE slug = $a OR title = $a ORDER BY slug = $a DESC LIMIT 1");
            command.Parameters[0].Value = slugOrTitle;
            using var reader = command.ExecuteReader();
            return reader.Read() ? new SiteEntityRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)) : null;
        });

        /// <summary>A page of an entity's events, newest first.</summary>
        public IReadOnlyList<SiteEventLine> EntityEvents(long entity, int offset, int limit) => Use(session =>
        {
            var command = session.Command(
                $"SELECT {EventColumns} FROM site_event_entities x JOIN site_events e ON e.id = x.event_id WHERE x.entity_id = $a ORDER BY x.event_id DESC LIMIT $b + 0 OFFSET $c + 0");
            command.Parameters[0].Value = entity;
            command.Parameters[1].Value = limit;
            command.Parameters[2].Value = offset;
            return ReadLines(command);
        });

        /// <summary>
        /// Full-text search, ranked by bm25 (headline counts most, then entity titles, then the
        /// summary; for a search of one phrase the same order at half the cost, see
        /// <see cref="SearchRank"/>); newer first on equal rank. One statement: the ranked page of
        /// rowids (the FTS index alone, plus the entity's event list when filtered), joined to the
        /// rows of that page only. A date range is a range of rowids (ids follow date order), which
        /// FTS5 seeks to in its doclists instead of testing each match. The hits come back
        /// unmarked: the server marks the terms in the page's texts, not FTS5, which would have to
        /// match the whole search again to do it.
        /// </summary>
        /// <param name="match">An FTS5 query.</param>
        /// <param name="onePhrase">Whether <paramref name="match"/> is one phrase (then ranked by <see cref="SearchRank"/>).</param>
        /// <param name="word">
        /// When the search is one word and nothing else: the word as the index holds it (folded as
        /// the tokenizer folds it). A word ranked ahead of time (<see cref="Ranking"/>) is answered
        /// from its ranking when the ranked events reach the page asked for; the hits are the same.
        /// </param>
        public SiteHits Search(string match, bool onePhrase, DateOnly? from, DateOnly? to, long? entity, int offset, int limit, string? word = null) => Use(session =>
        {
            long low = from is { } first ? FirstId(first) : 1;
            long high = to is { } last ? LastId(last) : long.MaxValue;
            if (low > high)
            {
                return new SiteHits([], false);
            }

            if (word is not null && onePhrase && entity is null && session.HasRank && StoredHits(session, word, low, high, offset, limit) is { } stored)
            {
                return stored;
            }

            // '+' keeps the entity a filter over the FTS matches, checked against the entity's events
            // gathered once; as an index constraint FTS5 would re-run the MATCH for every one of them.
            var filter = entity is null ? string.Empty : " AND +rowid IN (SELECT event_id FROM site_event_entities WHERE entity_id = $d)";
            var search = session.Command(
                $"""
                SELECT e.id, e.date, e.page, e.headline, e.entities, e.summary
                FROM (SELECT rowid AS id, {(onePhrase && session.HasRank ? OnePhraseRank : "bm25(site_search, 10.0, 2.0, 5.0)")} AS score FROM site_search
                      WHERE site_search MATCH $a AND rowid BETWEEN $b AND $c{filter}
                      ORDER BY score, rowid DESC LIMIT $e + 0 OFFSET $f + 0) AS r
                JOIN site_events AS e ON e.id = r.id
                ORDER BY r.score, r.id DESC
                """);
            search.Parameters["$a"].Value = match;
            search.Parameters["$b"].Value = low;
            search.Parameters["$c"].Value = high;
            if (entity is { } entityId)
            {
                search.Parameters["$d"].Value = entityId;
            }

            search.Parameters["$e"].Value = limit + 1;
            search.Parameters["$f"].Value = offset;
            var hits = new List<SiteHit>(limit + 1);
            using (var reader = search.ExecuteReader())
            {
                while (reader.Read())
                {
                    hits.Add(new SiteHit(
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.IsDBNull(5) ? null : reader.GetString(5),
                        Topics(reader.GetFieldValue<byte[]>(4))));
                }
            }

            bool more = hits.Count > limit;
            if (more)
            {
                hits.RemoveAt(limit);
            }

            return new SiteHits(hits, more);
        });

        /// <summary>
        /// The page of a one-word search from the word's ranking made ahead of time (<see cref="Ranking"/>),
        /// or null when there is none (a word in fewer events, or a ranking not made yet) or
        /// it ends before the page does, its events being only the first of the word's: a date
        /// range keeps the stored events inside it, in the stored order, which is the order of the
        /// whole search restricted to that range.
        /// </summary>
        private SiteHits? StoredHits(Session session, string word, long low, long high, int offset, int limit)
        {
            if (Ranking(session, word) is not var (complete, ids))
            {
                return null;
            }

            var page = new List<long>(limit + 1);
            int skipped = 0;
            for (int at = 0; at + sizeof(long) <= ids.Length && page.Count <= limit; at += sizeof(long))
            {
                long id = BinaryPrimitives.ReadInt64LittleEndian(ids.AsSpan(at));
                if (id < low || id > high)
                {
                    continue;
                }

                if (skipped < offset)
                {
                    skipped++;
                }
                else
                {
                    page.Add(id);
                }
            }

            bool more = page.Count > limit;
            if (!more && !complete)
            {
                return null; // the rest of the page may be among the events not stored
            }

            if (more)
            {
                page.RemoveAt(limit);
            }

            // One statement for the page's rows: each statement is a read transaction of its own
            // (a file lock taken and released, the file checked for changes), which cost more than the rows.
            var rows = session.Command("SELECT e.date, e.page, e.headline, e.entities, e.summary FROM json_each($a) AS j JOIN site_events AS e ON e.id = j.value ORDER BY j.key");
            rows.Parameters[0].Value = "[" + string.Join(',', page) + "]";
            var hits = new List<SiteHit>(page.Count);
            using (var reader = rows.ExecuteReader())
            {
                while (reader.Read())
                {
                    hits.Add(new SiteHit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(4) ? null : reader.GetString(4), Topics(reader.GetFieldValue<byte[]>(3))));
                }
            }

            if (hits.Count != page.Count)
            {
                return null; // not the tables the ranking was made from
            }

            return new SiteHits(hits, more);
        }

        /// <summary>
        /// The ranking of <paramref name="word"/> made ahead of time (<see cref="RankTopTerms"/>),
        /// or null when the word is in too few events or the ranking of this build's index is not
        /// made yet. This reader makes it itself, once per build, on a thread of its own (1–2 s of
        /// one core on the benchmark archive), when the first one-word search finds it missing;
        /// searches meanwhile rank every match, as without it. The same hits either way. The build
        /// used to store it (migration 8), which cost every build 1.3–1.9 s, and every build that
        /// followed another all of it again: a row's score moves with the index's average length.
        /// </summary>
        private (bool Complete, byte[] Ids)? Ranking(Session session, string word)
        {
            if (session.Command("SELECT source FROM site_build").ExecuteScalar() is not string current)
            {
                return null; // no build wrote these tables
            }

            if (ranked is { } words && words.Source == current)
            {
                return words.Terms.TryGetValue(word, out var found) ? found : null;
            }

            StartRanking(current);
            return null;
        }

        /// <summary>Starts ranking the words of the build <paramref name="source"/> names, unless that is under way or was tried.</summary>
        private void StartRanking(string source)
        {
            lock (rankingGate)
            {
                if (rankingSource == source)
                {
                    return;
                }

                rankingSource = source;
                ranking = Task.Factory.StartNew(Rank, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        /// <summary>Ranks the words ahead of time from the index as it is now, and keeps them for the build that wrote it.</summary>
        private void Rank()
        {
            try
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA mmap_size = 2147418112";
                    pragma.ExecuteNonQuery();
                }

                // One read transaction: the build named and the index ranked are the same.
                using var transaction = connection.BeginTransaction(deferred: true);
                using var source = connection.CreateCommand();
                source.Transaction = transaction;
                source.CommandText = "SELECT source FROM site_build";
                if (source.ExecuteScalar() is not string build)
                {
                    return;
                }

                var terms = RankTopTerms(connection, transaction, topMinimum, topRows);
                ranked = new RankedWords(build, terms.ToDictionary(t => t.Term, t => (t.Complete, t.Ids), StringComparer.Ordinal));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Not tried again for this build: searches rank every match, as without rankings.
            }
        }

        /// <summary>The ranking this reader started last (a finished task when none): for tests, which wait for it.</summary>
        internal Task RankingUnderWay
        {
            get
            {
                lock (rankingGate)
                {
                    return ranking;
                }
            }
        }

        /// <summary>The words this reader ranked itself, and the build they are of (null before it did): for tests.</summary>
        internal RankedWords? RankedAhead => ranked;

        /// <summary>Words ranked ahead of time by a reader, for the build <paramref name="Source"/> names.</summary>
        internal sealed record RankedWords(string Source, Dictionary<string, (bool Complete, byte[] Ids)> Terms);

        /// <summary>
        /// How many times the idle sessions' statements were compiled again. SQLite recompiles a
        /// statement whenever a parameter it planned with changes (a bare LIMIT or OFFSET parameter
        /// is one: hence the "+ 0" that makes them plain values), which would undo the point of
        /// preparing once.
        /// </summary>
        public long Recompilations() => idle.Sum(session => session.Recompilations());

        public void Dispose()
        {
            while (idle.TryTake(out var session))
            {
                session.Dispose();
            }
        }

        /// <summary>The lowest id an event of <paramref name="date"/> can have (see <see cref="SiteTables"/>).</summary>
        private static long FirstId(DateOnly date) => new Model.EventKey(date, 0).Id;

        /// <summary>The highest id an event of <paramref name="date"/> can have.</summary>
        private static long LastId(DateOnly date) => FirstId(date) | uint.MaxValue;

        private static SiteEventLine Line(SqliteDataReader reader) =>
            new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));

        private static List<SiteEventLine> ReadLines(SqliteCommand command)
        {
            var list = new List<SiteEventLine>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(Line(reader));
            }

            return list;
        }

        private T Use<T>(Func<Session, T> query)
        {
            if (!idle.TryTake(out var session))
            {
                session = new Session(connectionString);
            }

            try
            {
                var result = query(session);
                idle.Add(session);
                return result;
            }
            catch
            {
                session.Dispose(); // a session that failed mid-query is not trusted again
                throw;
            }
        }
    }
}
