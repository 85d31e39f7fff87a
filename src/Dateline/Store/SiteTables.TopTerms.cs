using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

internal static partial class SiteTables
{
    /// <summary>A word in more events than this gets its first events in search order stored (<see cref="WriteTopTerms"/>).</summary>
    public const int TopMinimum = 1000;

    /// <summary>How many of such a word's events are stored, best first.</summary>
    public const int TopRows = 1000;

    /// <summary>The ranking of a one-phrase search (see <see cref="SearchRank"/>): the headline weighs 10, the summary 2, the entity titles 5.</summary>
    private const string OnePhraseRank = SearchRank.Name + "(site_search, 10.0, 2.0, 5.0)";

    /// <summary>
    /// Writes <c>site_search_top</c>: for every word of the search index in more than
    /// <paramref name="minimum"/> events, its first <paramref name="rows"/> events in the order
    /// a search for that word alone shows them (<see cref="SearchRank"/>, then newer first), by
    /// the same function over the same index the server reads. A search for such a word costs
    /// as much as the events it is in (each is scored before the best are known: 37 ms for
    /// "of", in 91,278 of 115,000 events); read from here, it is a few rows. The ranking of one
    /// word depends on the whole index (the average length of a row), so every build that
    /// changes the index writes the table again, after the index, in the same transaction. When
    /// this SQLite cannot take the rank function the table stays empty and searches rank as before.
    /// </summary>
    internal static void WriteTopTerms(SqliteConnection connection, SqliteTransaction transaction, string source, int minimum = TopMinimum, int rows = TopRows)
    {
        Execute(connection, transaction, "DELETE FROM site_search_top");
        if (!SearchRank.TryRegister(connection))
        {
            return;
        }

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

            using var rank = Prepare(connection, transaction, $"SELECT rowid FROM site_search WHERE site_search MATCH $match ORDER BY {OnePhraseRank}, rowid DESC LIMIT $limit + 0", "$match", "$limit");
            using var insert = Prepare(connection, transaction, "INSERT INTO site_search_top(term, source, complete, ids) VALUES($term, $source, $complete, $ids)", "$term", "$source", "$complete", "$ids");
            var ids = new byte[(rows + 1) * sizeof(long)];
            foreach (var term in terms)
            {
                rank.Parameters[0].Value = "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                rank.Parameters[1].Value = rows + 1;
                int count = 0;
                using (var reader = rank.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        BinaryPrimitives.WriteInt64LittleEndian(ids.AsSpan(count++ * sizeof(long)), reader.GetInt64(0));
                    }
                }

                Run(insert, term, source, count <= rows ? 1 : 0, ids[..(Math.Min(count, rows) * sizeof(long))]);
            }
        }
        finally
        {
            Execute(connection, transaction, "DROP TABLE temp.site_search_terms");
        }
    }
}
