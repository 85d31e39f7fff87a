using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

internal static partial class SiteTables
{
    /// <summary>A word in more events than this gets its first events in search order ranked ahead (<see cref="RankTopTerms"/>).</summary>
    public const int TopMinimum = 500;

    /// <summary>How many of such a word's events are ranked ahead, best first.</summary>
    public const int TopRows = 1000;

    /// <summary>The column weights of a search's ranking: the headline weighs 10, the summary 2, the entity titles 5.</summary>
    private const string Weights = "(site_search, 10.0, 2.0, 5.0)";

    /// <summary>The ranking of a one-phrase search (see <see cref="SearchRank"/>).</summary>
    private const string OnePhraseRank = SearchRank.Name + Weights;

    /// <summary>
    /// The rankings of the words in very many events, made ahead of searches for them (by the
    /// server, once per build: see <c>Reader.Ranking</c>): for every word of the search index in
    /// more than <paramref name="minimum"/> events, whether all its events are there, and its
    /// first <paramref name="rows"/> event ids (8 bytes each, little-endian) in the order a search
    /// for that word alone shows them (<see cref="SearchRank"/>'s score, then newer first), from
    /// the index as <paramref name="transaction"/> sees it. A search for such a word costs as much
    /// as the events it is in, each scored before the best are known (37 ms for "of", in 91,278 of
    /// 115,000 events); from a ranking it is a few rows. The scores are
    /// <see cref="SearchRank.Score"/> over what FTS5 itself holds: each word's frequency in each
    /// event from FTS5 (counted by the code that counts it for dateline_rank), each row's length
    /// and the index's totals from its own tables, so the order is the one a search computes.
    /// Asking FTS5 to rank each word instead costs a lookup of the row's length per event and
    /// word. A ranking is of one state of the index: a row's score moves with the index's average
    /// row length, so every build's index needs its own. Empty when this SQLite cannot take the
    /// ranking function.
    /// </summary>
    internal static List<(string Term, bool Complete, byte[] Ids)> RankTopTerms(SqliteConnection connection, SqliteTransaction transaction, int minimum = TopMinimum, int rows = TopRows)
    {
        var ranked = new List<(string, bool, byte[])>();
        Execute(connection, transaction, "CREATE VIRTUAL TABLE temp.site_search_terms USING fts5vocab(main, site_search, row)");
        try
        {
            var terms = new List<string>();
            using (var list = Prepare(connection, transaction, "SELECT term FROM temp.site_search_terms WHERE doc > $minimum", "$minimum"))
            {
                list.Parameters[0].Value = minimum;
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    terms.Add(reader.GetString(0));
                }
            }

            if (terms.Count == 0)
            {
                return ranked;
            }

            var (count, total) = IndexTotals(connection, transaction);
            var sizes = RowSizes(connection, transaction);
            // Each event of a word once, its frequency by column as dateline_rank counts it, handed
            // over inside SQLite (the LIMIT keeps the function where FTS5 can answer it): no row
            // comes out to be read, and no row length is looked up in the index.
            if (!SearchRank.TryRegisterCollector(connection))
            {
                return ranked; // nor will the server rank with dateline_rank: searches rank as before
            }

            using var collect = new BulkStatement(connection, $"SELECT count(x) FROM (SELECT {SearchRank.CollectName}{Weights} AS x FROM site_search WHERE site_search MATCH ?1 LIMIT -1)");
            var worse = Comparer<(double Score, long Id)>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : a.Id.CompareTo(b.Id));
            var best = new PriorityQueue<long, (double Score, long Id)>(rows + 2, worse); // the worst kept first
            void Keep(long doc, double frequency)
            {
                var key = (SearchRank.Score(frequency, sizes[doc], count, total), doc);
                if (best.Count <= rows)
                {
                    best.Enqueue(doc, key);
                }
                else if (best.TryPeek(out _, out var worst) && worse.Compare(key, worst) > 0)
                {
                    best.EnqueueDequeue(doc, key); // the worst of them all goes
                }
            }

            foreach (var term in terms)
            {
                best.Clear();
                collect.Bind(1, "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
                SearchRank.Collect(Keep, () => collect.Run());
                int found = best.Count;
                var ids = new byte[Math.Min(found, rows) * sizeof(long)];
                if (found > rows)
                {
                    best.Dequeue(); // the worst: beyond what is stored, it says only that there are more
                }

                for (int at = best.Count - 1; at >= 0; at--)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(ids.AsSpan(at * sizeof(long)), best.Dequeue());
                }

                ranked.Add((term, found <= rows, ids));
            }

            return ranked;
        }
        finally
        {
            Execute(connection, transaction, "DROP TABLE temp.site_search_terms");
        }
    }

    /// <summary>The index's row count and its length in words, all columns (what FTS5's xRowCount and xColumnTotalSize(-1) read): its averages record.</summary>
    private static (long Rows, long Total) IndexTotals(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Prepare(connection, transaction, "SELECT block FROM site_search_data WHERE id = 1");
        var record = command.ExecuteScalar() as byte[] ?? [];
        int at = 0;
        long rows = Varint(record, ref at);
        long total = 0;
        while (at < record.Length)
        {
            total += Varint(record, ref at);
        }

        return (rows, total);
    }

    /// <summary>Each row's length in words, all columns (what FTS5's xColumnSize(-1) reads): its docsize table.</summary>
    private static Dictionary<long, int> RowSizes(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Prepare(connection, transaction, "SELECT id, sz FROM site_search_docsize");
        using var reader = command.ExecuteReader();
        var sizes = new Dictionary<long, int>();
        while (reader.Read())
        {
            var record = reader.GetFieldValue<byte[]>(1);
            int at = 0;
            long size = 0;
            while (at < record.Length)
            {
                size += Varint(record, ref at);
            }

            sizes[reader.GetInt64(0)] = (int)size;
        }

        return sizes;
    }

    /// <summary>A varint as SQLite and FTS5 write them: 7 bits a byte, high bits first, the ninth byte whole.</summary>
    private static long Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (int i = 0; i < 8 && at < data.Length; i++)
        {
            byte b = data[at++];
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                return (long)value;
            }
        }

        if (at < data.Length)
        {
            value = (value << 8) | data[at++];
        }

        return (long)value;
    }
}
